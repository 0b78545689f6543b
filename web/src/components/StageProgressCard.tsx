// Progress of every stage after the checkpoints (issue 13): self-check n/N, verification n/N, rankings
// by evaluator (Art. 13), the latest approval round against the rule (Art. 18), feedback confirmations
// (Art. 19) and explanations by status (Art. 21). Drawn from the dashboard's `progress`.
import { Card, Col, Progress, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { tallyLine, type RoundTally } from '../logic/stageConsequences';

export interface StageProgress {
  selfCheck: { done: number; total: number };
  verification: { done: number; total: number };
  rankings:
    | {
        kind: 'LEADER' | 'DEPARTMENT';
        evaluatorKey: string;
        name: string;
        nameEn: string | null;
        done: number;
        total: number;
      }[]
    | null;
  votes: (RoundTally & { round: number; status: string; voters: number }) | null;
  confirmations: { recorded: number; confirmed: number; total: number };
  explanations: Record<string, number>;
}

const percent = (done: number, total: number) => (total ? Math.round((done / total) * 100) : 0);

export function StageProgressCard({ progress }: { progress: StageProgress }) {
  const { t, locale } = useI18n();
  const units = (done: number, total: number) => t('stageProgress.units', { done, total });
  const votes = progress.votes;
  return (
    <Card title={t('stageProgress.title')} data-testid="stage-progress">
      <Row gutter={[16, 16]}>
        {(
          [
            ['selfCheck', progress.selfCheck],
            ['verification', progress.verification],
          ] as const
        ).map(([key, value]) => (
          <Col xs={24} md={12} xl={6} key={key} data-testid={`progress-${key}`}>
            <Statistic title={t(`stageProgress.${key}`)} value={units(value.done, value.total)} />
            <Progress percent={percent(value.done, value.total)} size="small" />
          </Col>
        ))}
        <Col xs={24} md={12} xl={6} data-testid="progress-confirmations">
          <Statistic
            title={t('stageProgress.confirmations')}
            value={units(progress.confirmations.confirmed, progress.confirmations.total)}
          />
          <Typography.Text type="secondary">
            {t('stageProgress.confirmed', progress.confirmations)}
          </Typography.Text>
        </Col>
        <Col xs={24} md={12} xl={6} data-testid="progress-explanations">
          <Typography.Text type="secondary">{t('stageProgress.explanations')}</Typography.Text>
          <div style={{ marginTop: 8, display: 'flex', flexWrap: 'wrap', gap: 4 }}>
            {Object.keys(progress.explanations).length === 0 ? (
              <Typography.Text>{t('stageProgress.none')}</Typography.Text>
            ) : (
              Object.entries(progress.explanations).map(([status, count]) => (
                <Tag key={status}>
                  {t(`explanation.${status}` as MessageKey)} {count}
                </Tag>
              ))
            )}
          </div>
        </Col>
      </Row>
      {progress.rankings ? (
        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          <Col xs={24} xl={14}>
            <Typography.Title level={3} style={{ fontSize: 16 }}>
              {t('stageProgress.rankings')}
            </Typography.Title>
            <Table
              size="small"
              rowKey={(row) => `${row.kind}/${row.evaluatorKey}`}
              pagination={false}
              dataSource={progress.rankings}
              data-testid="progress-rankings"
              columns={[
                {
                  title: t('stageProgress.evaluator'),
                  render: (_, row) => (locale === 'en' && row.nameEn ? row.nameEn : row.name),
                },
                {
                  title: t('results.category'),
                  render: (_, row) => (
                    <Tag color={row.done === row.total ? 'green' : row.done ? 'blue' : 'default'}>
                      {t('stageProgress.categories', { done: row.done, total: row.total })}
                    </Tag>
                  ),
                },
                {
                  title: '',
                  responsive: ['md'],
                  render: (_, row) =>
                    t(row.kind === 'LEADER' ? 'stageProgress.leaderKind' : 'stageProgress.departmentKind'),
                },
              ]}
            />
          </Col>
          <Col xs={24} xl={10} data-testid="progress-votes">
            <Typography.Title level={3} style={{ fontSize: 16 }}>
              {t('stageProgress.votes')}
            </Typography.Title>
            {votes ? (
              <Space orientation="vertical">
                <Typography.Text>
                  {t('tally.summary', {
                    round: votes.round,
                    approvals: votes.approvals,
                    rejections: votes.rejections,
                    voters: votes.voters,
                  })}
                </Typography.Text>
                <Tag color={{ OPEN: 'blue', APPROVED: 'green', REJECTED: 'red' }[votes.status]}>
                  {t(`approval.status.${votes.status}` as MessageKey)}
                </Tag>
                {votes.status === 'OPEN' ? (
                  <Typography.Text strong>{tallyLine(votes, t, locale)}</Typography.Text>
                ) : null}
              </Space>
            ) : (
              <Typography.Text type="secondary">{t('stageProgress.noRound')}</Typography.Text>
            )}
          </Col>
        </Row>
      ) : null}
    </Card>
  );
}
