// Target setting (Art. 5, 8, 12): the cycle, its indicators with live weight sums per group, checkpoints,
// the non-undertaking matrix and the scoring configuration with the SPEC §4 defaults explained.
// Before publication an indicator can be edited in place (PUT, Art. 8): the same form, filled with it.
import {
  App,
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, ApiError } from '../api/client';
import { useApi } from '../api/useApi';
import { ErrorNotice } from '../components/ErrorNotice';
import { ScoringConfigForm } from '../components/ScoringConfigForm';
import { useI18n } from '../i18n/I18nProvider';
import { formFieldErrors } from '../logic/apiError';
import { fieldTranslator } from '../logic/errorText';
import {
  checkpointShareTotal,
  checkWeights,
  DEFAULT_GROUP_WEIGHTS,
  INDICATOR_GROUPS,
  type IndicatorGroup,
} from '../logic/weightSums';
import { formatDate } from '../logic/format';
import { comprehensiveDefaults, defaultCheckpointDueAt, isEnterInDatePicker } from '../logic/formRules';
import { indicatorFormValues, indicatorUpdateBody } from '../logic/indicatorDraft';
import { useSession } from '../session/SessionProvider';
import { TargetWorkbookCard } from '../components/TargetWorkbookCard';
import { NewCycleCard } from '../components/NewCycleCard';
import { useCycle, useUnits, type CycleDetail } from '../session/useCycle';

interface IndicatorDraft {
  code: string;
  name: string;
  nameEn?: string;
  group: IndicatorGroup;
  weight: number;
  standard?: string;
  departmentCode?: string;
  checkpoints?: { code: string; name: string; dueAt: Dayjs; share: number; standard?: string }[];
  notUndertakenBy?: string[];
}

const INDICATOR_FIELDS = [
  'code',
  'name',
  'group',
  'weight',
  'standard',
  'departmentCode',
  'checkpoints',
  'notUndertakenBy',
];

function groupWeightsOf(cycle: CycleDetail | undefined): Record<IndicatorGroup, number> {
  const configured = (cycle?.scoringConfig as { groupWeights?: Record<IndicatorGroup, number> } | undefined)
    ?.groupWeights;
  return { ...DEFAULT_GROUP_WEIGHTS, ...(configured ?? {}) };
}

function CreateCycleCard({ onCreated }: { onCreated(): void }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm();
  const [error, setError] = useState<unknown>();
  const useThirdParty = Form.useWatch('useThirdParty', form) as boolean | undefined;
  const weights = comprehensiveDefaults(Boolean(useThirdParty));
  const onFinish = async (values: Record<string, unknown>) => {
    setError(undefined);
    const iso = (value: unknown) => (value as Dayjs).toISOString();
    try {
      await api.post('/cycles', {
        year: values.year,
        title: values.title || undefined,
        useThirdParty: Boolean(values.useThirdParty),
        // Art. 11: leaders 10 and departments 5, or 8/4/3 with a third party (SPEC §4).
        scoringConfig: { comprehensive: comprehensiveDefaults(Boolean(values.useThirdParty)) },
        explanationDays: values.explanationDays,
        schedule: {
          selfCheckOpensAt: iso(values.selfCheckOpensAt),
          selfCheckDueAt: iso(values.selfCheckDueAt),
          verificationDueAt: iso(values.verificationDueAt),
          evaluationDueAt: iso(values.evaluationDueAt),
        },
      });
      onCreated();
    } catch (caught) {
      setError(caught);
      if (caught instanceof ApiError) {
        const { fields } = formFieldErrors(
          caught,
          ['year', 'title', 'schedule', 'explanationDays', 'useThirdParty'],
          fieldTranslator(locale),
        );
        form.setFields(
          fields.map((field) =>
            field.name[0] === 'schedule' && field.name[1] ? { ...field, name: [field.name[1]] } : field,
          ),
        );
      }
    }
  };
  const date = (name: string) => (
    <Form.Item
      name={name}
      label={t(`targets.${name}` as 'targets.selfCheckDueAt')}
      rules={[{ required: true }]}
    >
      <DatePicker showTime style={{ width: '100%' }} />
    </Form.Item>
  );
  return (
    <Card title={t('targets.createCycle')}>
      <Form
        form={form}
        name="create-cycle"
        layout="vertical"
        // Enter in a date picker confirms the date; it must not create the cycle half-filled.
        onKeyDown={(event) => {
          if (isEnterInDatePicker(event as unknown as { key: string; target: Element }))
            event.preventDefault();
        }}
        onFinish={(values) => void onFinish(values)}
        initialValues={{ year: new Date().getFullYear(), explanationDays: 15, useThirdParty: false }}
      >
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item name="year" label={t('targets.year')} rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="title" label={t('targets.cycleTitle')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="explanationDays" label={t('targets.explanationDays')}>
              <InputNumber min={1} max={90} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            {date('selfCheckOpensAt')}
          </Col>
          <Col xs={24} md={6}>
            {date('selfCheckDueAt')}
          </Col>
          <Col xs={24} md={6}>
            {date('verificationDueAt')}
          </Col>
          <Col xs={24} md={6}>
            {date('evaluationDueAt')}
          </Col>
        </Row>
        <Form.Item
          name="useThirdParty"
          valuePropName="checked"
          extra={
            <span data-testid="comprehensive-weights">
              {weights.thirdParty === undefined
                ? t('targets.comprehensiveWeights', {
                    leader: weights.leader,
                    department: weights.department,
                  })
                : t('targets.comprehensiveWeightsThirdParty', {
                    leader: weights.leader,
                    department: weights.department,
                    thirdParty: weights.thirdParty,
                  })}
            </span>
          }
        >
          <Checkbox>{t('targets.useThirdParty')}</Checkbox>
        </Form.Item>
        <Alert type="info" title={t('targets.configHelp')} style={{ marginBottom: 16 }} />
        <ErrorNotice error={error} />
        <Button type="primary" htmlType="submit" style={{ marginTop: 12 }}>
          {t('app.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function WeightSums({
  indicators,
  groupWeights,
}: {
  indicators: { group?: string; weight?: number | string }[];
  groupWeights: Record<IndicatorGroup, number>;
}) {
  const { t } = useI18n();
  const check = checkWeights(indicators, groupWeights);
  return (
    <Space wrap aria-live="polite" data-testid="weight-sums">
      {check.groups.map((group) => (
        <Tag key={group.group} color={group.ok ? 'green' : 'red'}>
          {t('targets.sumLine', {
            group: t(`group.${group.group}`),
            sum: group.sum,
            expected: group.expected,
          })}
        </Tag>
      ))}
      <Tag color={check.totalOk ? 'green' : 'red'}>{t('targets.total', { sum: check.total })}</Tag>
    </Space>
  );
}

export function TargetsPage() {
  const { t, locale } = useI18n();
  const { reloadCycles, year, user } = useSession();
  const { cycle, error, reload } = useCycle();
  const { units } = useUnits();
  const departments = useApi<{ departments: { id: string; code: string; name: string }[] }>('/departments');
  const [form] = Form.useForm<IndicatorDraft>();
  const draft = Form.useWatch([], form) as Partial<IndicatorDraft> | undefined;
  const [saveError, setSaveError] = useState<unknown>();
  // The code of the indicator being edited in place; undefined while adding a new one.
  const [editing, setEditing] = useState<string>();
  const { message } = App.useApp();

  if (!year || (error instanceof ApiError && error.status === 404))
    return <CreateCycleCard onCreated={() => void reloadCycles()} />;
  if (!cycle) return <ErrorNotice error={error} />;
  const published = Boolean(cycle.publishedAt);
  const groupWeights = groupWeightsOf(cycle);
  const existing = cycle.indicators
    .filter((indicator) => indicator.code !== editing)
    .map((indicator) => ({
      group: indicator.group,
      weight: indicator.weight,
    }));
  const withDraft =
    draft?.group && draft?.weight ? [...existing, { group: draft.group, weight: draft.weight }] : existing;
  const shares = checkpointShareTotal(draft?.checkpoints ?? []);

  const startEditing = (indicator: CycleDetail['indicators'][number]) => {
    const values = indicatorFormValues(indicator);
    setSaveError(undefined);
    setEditing(indicator.code);
    form.resetFields();
    form.setFieldsValue({
      ...values,
      checkpoints: values.checkpoints.map((checkpoint) => ({
        ...checkpoint,
        dueAt: dayjs(checkpoint.dueAt),
      })),
    });
    document.getElementById('indicator-form')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };
  const stopEditing = () => {
    setEditing(undefined);
    setSaveError(undefined);
    form.resetFields();
  };
  const addIndicator = async (values: IndicatorDraft) => {
    setSaveError(undefined);
    try {
      const body = {
        ...values,
        standard: values.standard ?? '',
        checkpoints: (values.checkpoints ?? []).map((checkpoint) => ({
          ...checkpoint,
          standard: checkpoint.standard ?? '',
          dueAt: checkpoint.dueAt.toISOString(),
        })),
        notUndertakenBy: values.notUndertakenBy ?? [],
      };
      if (editing)
        await api.put(
          `/cycles/${cycle.year}/indicators/${encodeURIComponent(editing)}`,
          indicatorUpdateBody(body),
        );
      else await api.post(`/cycles/${cycle.year}/indicators`, body);
      message.success(t('app.saved'));
      setEditing(undefined);
      form.resetFields();
      reload();
    } catch (caught) {
      // The typed values stay in the form; the server's field errors appear next to their fields.
      setSaveError(caught);
      if (caught instanceof ApiError)
        form.setFields(formFieldErrors(caught, INDICATOR_FIELDS, fieldTranslator(locale)).fields as never);
    }
  };
  const removeIndicator = async (code: string) => {
    try {
      await api.del(`/cycles/${cycle.year}/indicators/${encodeURIComponent(code)}`);
      reload();
    } catch (caught) {
      setSaveError(caught);
    }
  };
  const config = cycle.scoringConfig as Record<string, Record<string, number>>;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
        {t('menu.targets')} · {cycle.title}
      </Typography.Title>
      {published ? <Alert type="warning" title={t('targets.published')} /> : null}
      {user?.role === 'OFFICE' ? (
        <TargetWorkbookCard year={cycle.year} published={published} onImported={reload} />
      ) : null}
      <Card
        title={t('targets.indicators')}
        extra={<WeightSums indicators={withDraft} groupWeights={groupWeights} />}
      >
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          scroll={{ x: 800 }}
          dataSource={cycle.indicators}
          expandable={{
            rowExpandable: (row) => row.checkpoints.length > 0,
            expandedRowRender: (row) => (
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={row.checkpoints}
                columns={[
                  { title: t('targets.code'), dataIndex: 'code' },
                  { title: t('targets.checkpointName'), dataIndex: 'name' },
                  {
                    title: t('targets.dueAt'),
                    dataIndex: 'dueAt',
                    render: (value: string) => formatDate(value, locale, true),
                  },
                  { title: t('targets.share'), dataIndex: 'share' },
                ]}
              />
            ),
          }}
          columns={[
            { title: t('targets.code'), dataIndex: 'code', width: 80 },
            { title: t('targets.name'), dataIndex: 'name' },
            {
              title: t('targets.group'),
              dataIndex: 'group',
              render: (value: IndicatorGroup) => t(`group.${value}`),
            },
            { title: t('targets.weight'), dataIndex: 'weight', width: 80 },
            { title: t('targets.department'), dataIndex: ['department', 'name'] },
            { title: t('targets.checkpoints'), render: (_, row) => row.checkpoints.length },
            {
              title: t('app.actions'),
              render: (_, row) =>
                published ? null : (
                  <Space size="small">
                    <Button size="small" onClick={() => startEditing(row)}>
                      {t('targets.edit')}
                    </Button>
                    <Popconfirm
                      title={`${t('targets.delete')} ${row.code}?`}
                      onConfirm={() => void removeIndicator(row.code)}
                    >
                      <Button size="small" danger>
                        {t('targets.delete')}
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      {!published ? (
        <Card
          id="indicator-form"
          title={editing ? t('targets.editIndicator', { code: editing }) : t('targets.addIndicator')}
          extra={editing ? <Button onClick={stopEditing}>{t('targets.cancelEdit')}</Button> : null}
        >
          <Form
            form={form}
            name="indicator"
            layout="vertical"
            onKeyDown={(event) => {
              if (isEnterInDatePicker(event as unknown as { key: string; target: Element }))
                event.preventDefault();
            }}
            onFinish={(values) => void addIndicator(values)}
            initialValues={{ group: 'KEY_TASK', checkpoints: [] }}
          >
            <Row gutter={16}>
              <Col xs={24} md={4}>
                <Form.Item
                  name="code"
                  label={t('targets.code')}
                  rules={[{ required: true }, { pattern: /^[A-Za-z0-9._-]{1,40}$/ }]}
                >
                  {/* The code names the indicator being edited (the URL); it does not change. */}
                  <Input disabled={Boolean(editing)} />
                </Form.Item>
              </Col>
              <Col xs={24} md={10}>
                <Form.Item name="name" label={t('targets.name')} rules={[{ required: true }]}>
                  <Input />
                </Form.Item>
                <Form.Item name="nameEn" hidden>
                  <Input />
                </Form.Item>
              </Col>
              <Col xs={12} md={5}>
                <Form.Item name="group" label={t('targets.group')} rules={[{ required: true }]}>
                  <Select
                    options={INDICATOR_GROUPS.map((group) => ({ value: group, label: t(`group.${group}`) }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={12} md={5}>
                <Form.Item name="weight" label={t('targets.weight')} rules={[{ required: true }]}>
                  <InputNumber min={0.01} max={100} step={0.5} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="departmentCode" label={t('targets.department')}>
                  <Select
                    allowClear
                    options={(departments.data?.departments ?? []).map((department) => ({
                      value: department.code,
                      label: department.name,
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="notUndertakenBy" label={t('targets.notUndertaken')}>
                  <Select
                    mode="multiple"
                    allowClear
                    options={units.map((unit) => ({ value: unit.code, label: unit.name }))}
                  />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item name="standard" label={t('targets.standard')}>
                  <Input.TextArea rows={2} />
                </Form.Item>
              </Col>
            </Row>
            <Typography.Title level={5}>{t('targets.checkpoints')}</Typography.Title>
            {!shares.ok ? (
              <Alert
                type="error"
                role="alert"
                title={t('targets.shareTooHigh', { total: shares.total })}
                style={{ marginBottom: 8 }}
              />
            ) : null}
            <Form.List
              name="checkpoints"
              rules={[
                {
                  // Art. 8, 11: the shares of an indicator's checkpoints sum to at most 1; saving waits.
                  validator: async (_, checkpoints?: { share?: number }[]) => {
                    const total = checkpointShareTotal(checkpoints ?? []);
                    if (!total.ok) throw new Error(t('targets.shareTooHigh', { total: total.total }));
                  },
                },
              ]}
            >
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field) => (
                    <Row gutter={8} key={field.key} align="top">
                      <Col xs={12} md={4}>
                        <Form.Item
                          name={[field.name, 'code']}
                          label={t('targets.code')}
                          rules={[{ required: true }]}
                        >
                          <Input />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={8}>
                        <Form.Item
                          name={[field.name, 'name']}
                          label={t('targets.checkpointName')}
                          rules={[{ required: true }]}
                        >
                          <Input />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={6}>
                        <Form.Item
                          name={[field.name, 'dueAt']}
                          label={t('targets.dueAt')}
                          rules={[{ required: true }]}
                        >
                          <DatePicker showTime style={{ width: '100%' }} />
                        </Form.Item>
                      </Col>
                      <Col xs={8} md={4}>
                        <Form.Item
                          name={[field.name, 'share']}
                          label={t('targets.share')}
                          rules={[{ required: true }]}
                        >
                          <InputNumber min={0.01} max={1} step={0.05} style={{ width: '100%' }} />
                        </Form.Item>
                      </Col>
                      <Col xs={4} md={2}>
                        <Form.Item label=" ">
                          <Button
                            aria-label={`${t('targets.delete')} ${field.name + 1}`}
                            onClick={() => remove(field.name)}
                          >
                            −
                          </Button>
                        </Form.Item>
                      </Col>
                    </Row>
                  ))}
                  <Button
                    onClick={() =>
                      add({
                        share: 0.2,
                        dueAt: dayjs(defaultCheckpointDueAt(new Date(), cycle.selfCheckOpensAt)),
                      })
                    }
                  >
                    {t('targets.addCheckpoint')}
                  </Button>
                </>
              )}
            </Form.List>
            <div style={{ marginTop: 16 }}>
              <ErrorNotice error={saveError} />
              <Button type="primary" htmlType="submit" style={{ marginTop: 8 }}>
                {t('app.save')}
              </Button>
            </div>
          </Form>
        </Card>
      ) : null}
      <Card title={t('targets.matrix')}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          scroll={{ x: 600 }}
          dataSource={units}
          columns={[
            { title: t('results.unit'), dataIndex: 'name', fixed: 'left', width: 160 },
            ...cycle.indicators.map((indicator) => ({
              title: indicator.code,
              key: indicator.id,
              align: 'center' as const,
              render: (_: unknown, unit: { code: string }) =>
                indicator.notUndertaken.some((row) => row.unit.code === unit.code) ? (
                  <Tag color="default">✕</Tag>
                ) : (
                  <span aria-label="undertakes">✓</span>
                ),
            })),
          ]}
        />
      </Card>
      {!published ? (
        <Card title={t('targets.config')}>
          <ScoringConfigForm
            year={cycle.year}
            config={cycle.scoringConfig}
            useThirdParty={cycle.useThirdParty}
            explanationDays={cycle.explanationDays}
            onSaved={reload}
          />
        </Card>
      ) : (
        <Card title={t('targets.config')}>
          <Alert type="info" title={t('targets.configHelp')} style={{ marginBottom: 12 }} />
          <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label="indicatorShare">
              {String(config.indicatorShare ?? 85)}
            </Descriptions.Item>
            <Descriptions.Item label="comprehensive">
              {JSON.stringify(config.comprehensive ?? { leader: 10, department: 5 })}
            </Descriptions.Item>
            <Descriptions.Item label="groupWeights">{JSON.stringify(groupWeights)}</Descriptions.Item>
            <Descriptions.Item label="rankToScore">
              {JSON.stringify(config.rankToScore ?? { top: 100, bottom: 60 })}
            </Descriptions.Item>
            <Descriptions.Item label="grades">
              {JSON.stringify(config.grades ?? { good: 90, fairlyGood: 80, pass: 60 })}
            </Descriptions.Item>
            <Descriptions.Item label={t('targets.explanationDays')}>
              {cycle.explanationDays}
            </Descriptions.Item>
            <Descriptions.Item label={t('targets.selfCheckOpensAt')}>
              {formatDate(cycle.selfCheckOpensAt, locale)}
            </Descriptions.Item>
            <Descriptions.Item label={t('targets.evaluationDueAt')}>
              {formatDate(cycle.evaluationDueAt, locale)}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      {user?.role === 'OFFICE' ? (
        <NewCycleCard blank={<CreateCycleCard onCreated={() => void reloadCycles()} />} />
      ) : null}
    </Space>
  );
}
