// Scoring (Art. 10–17): a preview on the cycle's stored inputs (nothing stored), optionally with
// configuration figures overridden for that preview only (e.g. another grades table), rescoring, the
// evaluation opinions (评价意见) drafted per unit and edited here, and submission for approval (Art. 18).
import {
  App,
  Alert,
  Button,
  Card,
  Col,
  Collapse,
  Form,
  Input,
  InputNumber,
  Row,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { api, ApiError } from '../api/client';
import { confirmSubmitForApproval } from '../components/confirmSubmitForApproval';
import { useApi } from '../api/useApi';
import { ErrorNotice, errorMessage } from '../components/ErrorNotice';
import { CONFIG_ROOTS, SCORING_CONFIG_FIELDS } from '../components/ScoringConfigForm';
import type { MessageKey } from '../i18n/messages';
import { fieldPath } from '../logic/apiError';
import { configOverride } from '../logic/configOverride';
import { useI18n } from '../i18n/I18nProvider';
import { fieldErrorText } from '../logic/errorText';
import { formatPoints } from '../logic/format';
import { toResultRows, type ResultRow } from '../logic/resultRows';
import { useSession } from '../session/SessionProvider';
import { useCycle, useUnits } from '../session/useCycle';
import { unitNameFinder } from '../logic/unitName';

function OpinionEditor({ year, row, onSaved }: { year: number; row: ResultRow; onSaved(): void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  // The list carries no opinions; each editor loads its unit's drafted (or edited) opinion (Art. 10).
  const detail = useApi<{ result: { opinion: string } }>(`/cycles/${year}/results/${row.unitId}`);
  const [text, setText] = useState<string>();
  const [error, setError] = useState<string>();
  const value = text ?? detail.data?.result.opinion ?? '';
  const save = async () => {
    setError(undefined);
    try {
      await api.put(`/cycles/${year}/results/${row.unitId}/opinion`, { opinion: value });
      message.success(t('app.saved'));
      onSaved();
    } catch (caught) {
      // The text stays in the box; the error is shown right under it.
      setError(
        caught instanceof ApiError && caught.fields.opinion
          ? fieldErrorText('opinion', caught.fields.opinion, locale)
          : errorMessage(caught, locale),
      );
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Input.TextArea
        aria-label={`${t('scoring.opinion')} ${row.unitName}`}
        rows={3}
        value={value}
        onChange={(event) => setText(event.target.value)}
        status={error ? 'error' : undefined}
      />
      {error ? (
        <Typography.Text type="danger" role="alert">
          {error}
        </Typography.Text>
      ) : null}
      <Button size="small" onClick={() => void save()}>
        {t('app.save')}
      </Button>
    </Space>
  );
}

export function ScoringPage() {
  const { t, locale } = useI18n();
  const { year } = useSession();
  const { units } = useUnits();
  const { message, modal } = App.useApp();
  const results = useApi<unknown>(year ? `/cycles/${year}/results` : null);
  const rows = useMemo(() => toResultRows(results.data), [results.data]);
  const { cycle } = useCycle();
  const [overrideForm] = Form.useForm<{ scoringConfig: Record<string, unknown> }>();
  const [preview, setPreview] = useState<{
    units: Record<string, unknown>[];
    overridden: string[];
  }>();
  const [error, setError] = useState<unknown>();
  if (!year) return <Alert type="info" title={t('app.noCycle')} />;
  const storedConfig = (cycle?.scoringConfig ?? {}) as Record<string, unknown>;
  const unitName = unitNameFinder(units, locale);
  const runPreview = async () => {
    setError(undefined);
    // Only figures that differ from the stored configuration are sent; the form keeps what was typed.
    const edited = (overrideForm.getFieldValue('scoringConfig') ?? {}) as Record<string, unknown>;
    const override = configOverride(storedConfig, edited);
    const overridden = Object.keys(override);
    try {
      const response = await api.post<{
        result?: { units: Record<string, unknown>[] };
        units?: Record<string, unknown>[];
      }>(`/cycles/${year}/scoring/preview`, overridden.length ? { config: override } : {});
      setPreview({ units: response.result?.units ?? response.units ?? [], overridden });
    } catch (caught) {
      setError(caught);
      if (caught instanceof ApiError) {
        // Configuration errors may be named with or without a "config." prefix; either way they go
        // next to their field in the override form.
        overrideForm.setFields(
          Object.entries(caught.fields)
            .map(([path, text]) => {
              const name = fieldPath(path.replace(/^(config|scoringConfig)\./, ''));
              return {
                name: ['scoringConfig', ...name],
                errors: [fieldErrorText(path, text, locale)],
                root: String(name[0]),
              };
            })
            .filter((field) => CONFIG_ROOTS.includes(field.root))
            .map(({ name, errors }) => ({ name, errors })) as never,
        );
      }
    }
  };
  const configLabel = (path: string[]) => t(`config.${path.join('.')}` as MessageKey);
  // Rescoring replaces every stored result (Art. 10-17): it asks first.
  const rescore = () =>
    void modal.confirm({
      title: t('confirm.rescoreTitle'),
      content: t('confirm.rescoreBody'),
      okText: t('confirm.ok'),
      cancelText: t('app.cancel'),
      onOk: async () => {
        setError(undefined);
        try {
          await api.post(`/cycles/${year}/rescore`);
          results.reload();
        } catch (caught) {
          setError(caught);
        }
      },
    });
  const submit = () =>
    confirmSubmitForApproval({
      year,
      modal,
      t,
      onSubmitted: () => void message.success(t('app.submitted')),
      onError: setError,
    });
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
        {t('menu.scoring')}
      </Typography.Title>
      <Space wrap>
        <Button onClick={results.reload}>{t('app.refresh')}</Button>
        <Button onClick={() => void runPreview()}>{t('scoring.runPreview')}</Button>
        <Button onClick={rescore}>{t('scoring.rescore')}</Button>
        <Button type="primary" onClick={() => void submit()}>
          {t('scoring.submitApproval')}
        </Button>
      </Space>
      <Collapse
        items={[
          {
            key: 'override',
            label: t('scoring.override'),
            forceRender: true,
            children: (
              <Form
                form={overrideForm}
                layout="vertical"
                // Keyed by the stored configuration so the fields start from it once it has loaded.
                key={JSON.stringify(storedConfig)}
                initialValues={{ scoringConfig: storedConfig }}
              >
                <Alert type="info" title={t('scoring.overrideHelp')} style={{ marginBottom: 12 }} />
                <Row gutter={12}>
                  {[
                    ...SCORING_CONFIG_FIELDS,
                    ...(cycle?.useThirdParty
                      ? ([[['comprehensive', 'thirdParty'], 3, '第九条、第十一条']] as const)
                      : []),
                  ].map(([path, fallback, article]) => (
                    <Col key={path.join('.')} xs={12} md={8} xl={6}>
                      <Form.Item
                        name={['scoringConfig', ...path]}
                        label={configLabel([...path])}
                        extra={`${t('targets.default')} ${fallback} · ${article}`}
                      >
                        <InputNumber
                          min={0}
                          max={100}
                          placeholder={String(fallback)}
                          style={{ width: '100%' }}
                        />
                      </Form.Item>
                    </Col>
                  ))}
                </Row>
                <Button onClick={() => void runPreview()}>{t('scoring.runPreview')}</Button>
              </Form>
            ),
          },
        ]}
      />
      <ErrorNotice error={error} />
      {preview ? (
        <Card
          title={t('scoring.preview')}
          extra={
            <Typography.Text type="secondary">
              {preview.overridden.length
                ? t('scoring.overrideSent', { fields: preview.overridden.join(', ') })
                : t('scoring.overrideNone')}
            </Typography.Text>
          }
        >
          <Table
            size="small"
            rowKey={(row) => String(row.id)}
            pagination={false}
            scroll={{ x: 700 }}
            dataSource={preview.units}
            columns={[
              { title: t('results.unit'), dataIndex: 'id', render: unitName },
              { title: t('results.indicatorPoints'), dataIndex: 'indicatorPoints', render: formatPoints },
              { title: t('results.comprehensive'), dataIndex: 'comprehensivePoints', render: formatPoints },
              { title: t('results.total'), dataIndex: 'total', render: formatPoints },
              {
                title: t('results.grade'),
                dataIndex: 'finalGrade',
                render: (value: 'GOOD') => <Tag>{t(`grade.${value}`)}</Tag>,
              },
              { title: t('results.rank'), dataIndex: 'categoryRank' },
            ]}
          />
        </Card>
      ) : null}
      <Card title={t('scoring.opinion')}>
        <ErrorNotice error={results.error} />
        <Table
          size="small"
          rowKey="unitId"
          pagination={false}
          dataSource={rows}
          columns={[
            {
              title: t('results.unit'),
              width: 180,
              render: (_, row) => (locale === 'en' && row.unitNameEn) || row.unitName,
            },
            { title: t('results.total'), dataIndex: 'total', width: 90, render: formatPoints },
            {
              title: t('results.grade'),
              dataIndex: 'finalGrade',
              width: 90,
              render: (value: ResultRow['finalGrade']) => t(`grade.${value}`),
            },
            {
              title: t('scoring.opinion'),
              render: (_, row) => <OpinionEditor year={year} row={row} onSaved={results.reload} />,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
