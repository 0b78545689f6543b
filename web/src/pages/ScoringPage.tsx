// Scoring (Art. 10–17): a preview on the cycle's stored inputs (nothing stored), rescoring, the
// evaluation opinions (评价意见) drafted per unit and edited here, and submission for approval (Art. 18).
import { App, Alert, Button, Card, Input, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api, ApiError } from '../api/client';
import { useApi } from '../api/useApi';
import { ErrorNotice } from '../components/ErrorNotice';
import { useI18n } from '../i18n/I18nProvider';
import { formatPoints } from '../logic/format';
import { toResultRows, type ResultRow } from '../logic/resultRows';
import { useSession } from '../session/SessionProvider';
import { useUnits } from '../session/useCycle';

function OpinionEditor({ year, row, onSaved }: { year: number; row: ResultRow; onSaved(): void }) {
  const { t } = useI18n();
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
      setError(caught instanceof ApiError ? (caught.fields.opinion ?? caught.message) : String(caught));
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
  const { t } = useI18n();
  const { year } = useSession();
  const { units } = useUnits();
  const { message, modal } = App.useApp();
  const results = useApi<unknown>(year ? `/cycles/${year}/results` : null);
  const rows = useMemo(() => toResultRows(results.data), [results.data]);
  const [preview, setPreview] = useState<{ units: Record<string, unknown>[] }>();
  const [error, setError] = useState<unknown>();
  if (!year) return <Alert type="info" title={t('app.noCycle')} />;
  const unitName = (id: string) => units.find((unit) => unit.id === id || unit.code === id)?.name ?? id;
  const runPreview = async () => {
    setError(undefined);
    try {
      const response = await api.post<{
        result?: { units: Record<string, unknown>[] };
        units?: Record<string, unknown>[];
      }>(`/cycles/${year}/scoring/preview`, {});
      setPreview({ units: response.result?.units ?? response.units ?? [] });
    } catch (caught) {
      setError(caught);
    }
  };
  const rescore = async () => {
    setError(undefined);
    try {
      await api.post(`/cycles/${year}/rescore`);
      results.reload();
    } catch (caught) {
      setError(caught);
    }
  };
  const submit = () =>
    modal.confirm({
      title: t('scoring.submitConfirm'),
      onOk: async () => {
        try {
          await api.post(`/cycles/${year}/approval/submit`);
          message.success(t('app.submitted'));
        } catch (caught) {
          setError(caught);
        }
      },
    });
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('menu.scoring')}
      </Typography.Title>
      <Space wrap>
        <Button onClick={results.reload}>{t('app.refresh')}</Button>
        <Button onClick={() => void runPreview()}>{t('scoring.runPreview')}</Button>
        <Button onClick={() => void rescore()}>{t('scoring.rescore')}</Button>
        <Button type="primary" onClick={() => void submit()}>
          {t('scoring.submitApproval')}
        </Button>
      </Space>
      <ErrorNotice error={error} />
      {preview ? (
        <Card title={t('scoring.preview')}>
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
            { title: t('results.unit'), dataIndex: 'unitName', width: 180 },
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
