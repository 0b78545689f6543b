// The office's view of the current cycle: stage timeline, checkpoint progress per round (on time / late /
// missing per unit, Art. 8), explanations and their deadlines (Art. 21), publication and stage advance.
import {
  App,
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Grid,
  List,
  Row,
  Space,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../api/client';
import { useApi } from '../api/useApi';
import { useAutoRefresh } from '../api/useAutoRefresh';
import { EChart } from '../components/EChart';
import { ErrorNotice, errorMessage } from '../components/ErrorNotice';
import { useI18n } from '../i18n/I18nProvider';
import { CYCLE_STAGES, type CycleStage } from '../logic/roleMenu';
import { normalizeRounds, PROGRESS_STATUSES, roundCounts } from '../logic/checkpointProgress';
import { formatDate } from '../logic/format';
import { useCycle, useUnits } from '../session/useCycle';
import { StageProgressCard, type StageProgress } from '../components/StageProgressCard';
import { advanceBlocked, advanceConsequences, type AdvancePreview } from '../logic/stageConsequences';
import { useSession } from '../session/SessionProvider';
import { useEngine } from '../session/useEngine';

const STATUS_COLOR = {
  ON_TIME: 'green',
  LATE: 'orange',
  MISSING: 'red',
  PENDING: 'blue',
  NOT_UNDERTAKEN: 'default',
} as const;

/** GET /cycles/:year/dashboard (api/dashboard/dashboardSchema.ts), the parts drawn here. */
interface Dashboard {
  checkpointRounds?: unknown;
  timeline?: { stage: string; enteredAt: string | null; current: boolean; article?: string }[];
  explanations?: { unitId: string; status: string; dueAt?: string; overdue?: boolean }[];
  progress?: StageProgress;
}

export function DashboardPage() {
  const { t, locale } = useI18n();
  const { user, reloadCycles } = useSession();
  const { year, cycle, error, reload } = useCycle();
  const { units } = useUnits();
  const screens = Grid.useBreakpoint();
  // Publishing and advancing a stage need the workflow engine (issue 14): disabled until it is ready.
  const engine = useEngine();
  const status = useApi<{ status: { stage: CycleStage; published?: boolean } }>(
    year ? `/cycles/${year}/status` : null,
  );
  const dashboard = useApi<Dashboard>(year ? `/cycles/${year}/dashboard` : null);
  const check = useApi<{
    errors: { field: string; message: string }[];
    warnings: { field: string; message: string }[];
  }>(
    year && user?.role === 'OFFICE' && cycle && !cycle.publishedAt
      ? `/cycles/${year}/publication-check`
      : null,
  );
  // What "进入下一阶段" would do (or why not), for the office once the targets are published.
  const preview = useApi<AdvancePreview>(
    year && user?.role === 'OFFICE' && cycle?.publishedAt ? `/cycles/${year}/advance-preview` : null,
  );
  useAutoRefresh(dashboard.refresh, status.refresh, preview.refresh);
  const { message, modal } = App.useApp();
  const [acknowledge, setAcknowledge] = useState(false);
  const [actionError, setActionError] = useState<unknown>();
  const stage = (status.data?.status.stage ?? cycle?.stage ?? 'TARGET_SETTING') as CycleStage;
  const rounds = useMemo(() => normalizeRounds(dashboard.data?.checkpointRounds), [dashboard.data]);

  const chartOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 32 },
      xAxis: { type: 'category', data: rounds.map((round) => formatDate(round.dueAt, locale)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: PROGRESS_STATUSES.map((key) => ({
        name: t(`progress.${key}`),
        type: 'bar',
        stack: 'units',
        itemStyle: {
          color: {
            ON_TIME: '#52c41a',
            LATE: '#fa8c16',
            MISSING: '#f5222d',
            PENDING: '#1677ff',
            NOT_UNDERTAKEN: '#d9d9d9',
          }[key],
        },
        data: rounds.map((round) => roundCounts(round.units)[key]),
      })),
    }),
    [rounds, t, locale],
  );

  if (!year) return <Alert type="info" title={t('app.noCycle')} />;
  const reloadAll = () => {
    reload();
    status.reload();
    dashboard.reload();
    preview.reload();
  };
  // Publication is irreversible and e-mails every unit (Art. 8): it asks first, naming that.
  const publish = () =>
    void modal.confirm({
      title: t('confirm.publishTitle'),
      content: t('confirm.publishBody', { units: units.length }),
      okText: t('confirm.ok'),
      cancelText: t('app.cancel'),
      onOk: async () => {
        setActionError(undefined);
        try {
          await api.post(`/cycles/${year}/publish`, { acknowledgeWarnings: acknowledge });
          message.success(t('dashboard.published'));
          reloadAll();
          await reloadCycles();
        } catch (caught) {
          setActionError(caught);
        }
      },
    });
  const blocked = preview.data ? advanceBlocked(preview.data, t, locale) : null;
  // The dialog lists what the advance does: rounds closed with units outstanding, notices sent.
  const advance = (plan: AdvancePreview) =>
    void modal.confirm({
      title: t('advance.title', {
        from: t(`stage.${plan.stage as CycleStage}`),
        to: t(`stage.${plan.next as CycleStage}`),
      }),
      width: 560,
      content: (
        <div data-testid="advance-consequences">
          <ul style={{ paddingLeft: 20 }}>
            {advanceConsequences(plan, t, locale).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <Typography.Text strong>{t('advance.irreversible')}</Typography.Text>
        </div>
      ),
      okText: t('confirm.ok'),
      cancelText: t('app.cancel'),
      onOk: async () => {
        try {
          await api.post(`/cycles/${year}/stage/advance`, { from: plan.stage, note: '' });
          reloadAll();
        } catch (caught) {
          message.error(errorMessage(caught, locale));
          reloadAll();
        }
      },
    });
  const current = CYCLE_STAGES.indexOf(stage);
  const entered = new Map<string, string | null>(
    dashboard.data?.timeline?.map((row) => [row.stage, row.enteredAt]) ??
      (cycle?.transitions ?? []).map((transition) => [transition.stage, transition.enteredAt]),
  );
  const unitName = (id: string) => {
    const unit = units.find((candidate) => candidate.id === id);
    return (locale === 'en' ? unit?.nameEn : null) ?? unit?.name ?? '—';
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
        {cycle?.title ?? year}
      </Typography.Title>
      <ErrorNotice error={error} />
      <Card
        title={t('dashboard.stages')}
        extra={
          user?.role === 'OFFICE' && preview.data?.allowed ? (
            <Button
              disabled={!engine.ready}
              title={engine.ready ? undefined : t('engine.actionWaits')}
              onClick={() => advance(preview.data!)}
            >
              {t('dashboard.advance')}
            </Button>
          ) : user?.role === 'OFFICE' && preview.data && stage !== 'CLOSED' ? (
            <Button disabled title={blocked ?? undefined}>
              {t('dashboard.advance')}
            </Button>
          ) : null
        }
      >
        {blocked && stage !== 'CLOSED' ? (
          <Alert
            type="info"
            showIcon
            title={blocked}
            data-testid="advance-blocked"
            style={{ marginBottom: 12 }}
          />
        ) : null}
        <Steps
          size="small"
          current={current}
          orientation={screens.xl ? 'horizontal' : 'vertical'}
          // Titles under the icons: ten stages fit across without breaking a word (issue 13).
          titlePlacement="vertical"
          items={CYCLE_STAGES.map((key) => ({
            title: t(`stage.${key}`),
            description: entered.get(key) ? formatDate(entered.get(key), locale) : undefined,
          }))}
        />
      </Card>
      {cycle && !cycle.publishedAt && user?.role === 'OFFICE' ? (
        <Card title={t('dashboard.publishCheck')}>
          <ErrorNotice error={check.error} />
          {check.data ? (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {check.data.errors.length > 0 ? (
                <List
                  size="small"
                  header={<strong>{t('dashboard.errors')}</strong>}
                  dataSource={check.data.errors}
                  renderItem={(item) => (
                    <List.Item>
                      <Tag color="red">{item.field}</Tag>
                      {item.message}
                    </List.Item>
                  )}
                />
              ) : null}
              {check.data.warnings.length > 0 ? (
                <List
                  size="small"
                  header={<strong>{t('dashboard.warnings')}</strong>}
                  dataSource={check.data.warnings}
                  renderItem={(item) => (
                    <List.Item>
                      <Tag color="orange">{item.field}</Tag>
                      {item.message}
                    </List.Item>
                  )}
                />
              ) : null}
              {check.data.warnings.length > 0 ? (
                <Checkbox checked={acknowledge} onChange={(event) => setAcknowledge(event.target.checked)}>
                  {t('dashboard.acknowledge')}
                </Checkbox>
              ) : null}
              <ErrorNotice error={actionError} />
              {engine.ready ? null : (
                <Typography.Text type="secondary" data-testid="publish-waits">
                  {t('engine.publishWaits')}
                </Typography.Text>
              )}
              <Button
                type="primary"
                disabled={check.data.errors.length > 0 || !engine.ready}
                onClick={publish}
              >
                {t('dashboard.publish')}
              </Button>
            </Space>
          ) : null}
        </Card>
      ) : null}
      {dashboard.data?.progress && cycle?.publishedAt ? (
        <StageProgressCard progress={dashboard.data.progress} />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('dashboard.rounds')}>
            <ErrorNotice error={dashboard.error} />
            {rounds.length ? (
              <EChart label={t('dashboard.rounds')} option={chartOption} />
            ) : (
              <Typography.Text type="secondary">{t('app.none')}</Typography.Text>
            )}
            {rounds.map((round, index) => (
              <div key={round.key} style={{ marginTop: 12 }}>
                <Typography.Text strong>
                  {t('dashboard.round', { number: index + 1, due: formatDate(round.dueAt, locale) })}
                </Typography.Text>
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, marginTop: 4 }}>
                  {round.units
                    .filter((unit) => unit.status !== 'NOT_UNDERTAKEN')
                    .map((unit) => (
                      <Tag key={unit.unitId} color={STATUS_COLOR[unit.status]}>
                        {(locale === 'en' && unit.unitNameEn) || (unit.unitName ?? unit.unitId)} ·{' '}
                        {t(`progress.${unit.status}`)}
                      </Tag>
                    ))}
                </div>
              </div>
            ))}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('dashboard.explanations')}>
            <Table
              size="small"
              rowKey="unitId"
              pagination={false}
              dataSource={dashboard.data?.explanations ?? []}
              columns={[
                {
                  title: t('results.unit'),
                  dataIndex: 'unitId',
                  render: unitName,
                },
                {
                  title: t('followUp.status'),
                  dataIndex: 'status',
                  render: (value: string, row) => (
                    <Space>
                      {t(`explanation.${value as 'PENDING'}`)}
                      {row.overdue ? <Tag color="red">{t('dashboard.overdue')}</Tag> : null}
                    </Space>
                  ),
                },
                {
                  title: t('followUp.dueAt'),
                  dataIndex: 'dueAt',
                  render: (value: string) => formatDate(value, locale),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
