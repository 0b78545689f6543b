// After notification (Art. 19–21): feedback to each unit and its confirmation; failing units' written
// explanations with deadline, overdue flag and the office's accept / return; incentives for GOOD units (Art. 20).
import { App, Alert, Button, Card, Input, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { useApi } from '../api/useApi';
import { useAutoRefresh } from '../api/useAutoRefresh';
import { ErrorNotice, errorMessage } from '../components/ErrorNotice';
import { EvidenceLinks, type EvidenceFileRef } from '../components/EvidenceViewer';
import { IncentivesCard } from '../components/IncentivesCard';
import { useI18n } from '../i18n/I18nProvider';
import { formatDate } from '../logic/format';
import { useSession } from '../session/SessionProvider';
import { useUnits } from '../session/useCycle';
import { unitNameFinder } from '../logic/unitName';

interface FeedbackRow {
  unitId: string;
  content: string;
  recordedAt?: string;
  confirmedAt?: string | null;
  confirmationNote?: string;
}

interface ExplanationRow {
  unitId: string;
  status: 'PENDING' | 'SUBMITTED' | 'RETURNED' | 'ACCEPTED';
  dueAt: string;
  content?: string;
  late?: boolean;
  reviewComment?: string;
  evidence?: EvidenceFileRef[];
}

export function FollowUpPage() {
  const { t, locale } = useI18n();
  const { user, year } = useSession();
  const { units } = useUnits();
  const { message, modal } = App.useApp();
  const feedback = useApi<{ feedback: FeedbackRow[] }>(year ? `/cycles/${year}/feedback` : null);
  const explanations = useApi<{ explanations: ExplanationRow[] }>(
    year ? `/cycles/${year}/explanations` : null,
  );
  useAutoRefresh(feedback.refresh, explanations.refresh);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  if (!year) return <Alert type="info" title={t('app.noCycle')} />;
  const unitName = unitNameFinder(units, locale);
  const act = async (url: string, body: object, reload: () => void) => {
    try {
      await api.post(url, body);
      message.success(t('app.saved'));
      reload();
    } catch (caught) {
      message.error(errorMessage(caught, locale));
    }
  };
  // Accepting forwards the explanation to the party committee; returning notifies the unit (Art. 21).
  const review = (unitId: string, decision: 'ACCEPT' | 'RETURN') =>
    void modal.confirm({
      title: t(decision === 'ACCEPT' ? 'confirm.acceptTitle' : 'confirm.returnTitle', {
        unit: unitName(unitId),
      }),
      content: t(decision === 'ACCEPT' ? 'confirm.acceptBody' : 'confirm.returnBody'),
      okText: t('confirm.ok'),
      cancelText: t('app.cancel'),
      okButtonProps: decision === 'RETURN' ? { danger: true } : undefined,
      onOk: () =>
        act(
          `/cycles/${year}/explanations/${unitId}/review`,
          { decision, comment: decision === 'RETURN' ? (drafts[`x-${unitId}`] ?? '') : '' },
          explanations.reload,
        ),
    });
  const recorded = new Map((feedback.data?.feedback ?? []).map((row) => [row.unitId, row]));
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
        {t('menu.followUp')}
      </Typography.Title>
      <Card title={t('followUp.feedback')}>
        <ErrorNotice error={feedback.error} />
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          scroll={{ x: 700 }}
          dataSource={units}
          columns={[
            { title: t('results.unit'), dataIndex: 'name', width: 160 },
            {
              title: t('followUp.content'),
              render: (_, unit) =>
                recorded.get(unit.id)?.content ??
                (user?.role === 'OFFICE' || user?.role === 'LEADER' ? (
                  <Space.Compact style={{ width: '100%' }}>
                    <Input
                      aria-label={`${t('followUp.content')} ${unit.name}`}
                      value={drafts[unit.id] ?? ''}
                      onChange={(event) =>
                        setDrafts((current) => ({ ...current, [unit.id]: event.target.value }))
                      }
                    />
                    <Button
                      onClick={() =>
                        void act(
                          `/cycles/${year}/feedback/${unit.id}`,
                          { content: drafts[unit.id] ?? '' },
                          feedback.reload,
                        )
                      }
                    >
                      {t('followUp.recordFeedback')}
                    </Button>
                  </Space.Compact>
                ) : (
                  '—'
                )),
            },
            {
              title: t('followUp.status'),
              width: 120,
              render: (_, unit) => {
                const row = recorded.get(unit.id);
                if (!row) return '—';
                return row.confirmedAt ? (
                  <Tag color="green">{t('followUp.confirmed')}</Tag>
                ) : (
                  <Tag color="orange">{t('followUp.pending')}</Tag>
                );
              },
            },
          ]}
        />
      </Card>
      <Card title={t('followUp.explanations')}>
        <ErrorNotice error={explanations.error} />
        <Table
          size="small"
          rowKey="unitId"
          pagination={false}
          scroll={{ x: 700 }}
          dataSource={explanations.data?.explanations ?? []}
          columns={[
            { title: t('results.unit'), dataIndex: 'unitId', render: unitName },
            {
              title: t('followUp.status'),
              dataIndex: 'status',
              render: (value: string, row) => (
                <Space>
                  {t(`explanation.${value as 'PENDING'}`)}
                  {row.status !== 'ACCEPTED' && new Date(row.dueAt) < new Date() ? (
                    <Tag color="red">{t('dashboard.overdue')}</Tag>
                  ) : null}
                </Space>
              ),
            },
            {
              title: t('followUp.dueAt'),
              dataIndex: 'dueAt',
              render: (value: string) => formatDate(value, locale, true),
            },
            {
              title: t('followUp.content'),
              render: (_, row) => (
                <Space orientation="vertical" size={0}>
                  <Typography.Paragraph ellipsis={{ rows: 3, expandable: true }} style={{ margin: 0 }}>
                    {row.content}
                  </Typography.Paragraph>
                  <EvidenceLinks files={row.evidence ?? []} />
                </Space>
              ),
            },
            {
              title: t('app.actions'),
              render: (_, row) =>
                user?.role === 'OFFICE' && row.status === 'SUBMITTED' ? (
                  <Space wrap>
                    <Input
                      size="small"
                      aria-label={`${t('approval.comment')} ${unitName(row.unitId)}`}
                      placeholder={t('approval.comment')}
                      value={drafts[`x-${row.unitId}`] ?? ''}
                      onChange={(event) =>
                        setDrafts((current) => ({ ...current, [`x-${row.unitId}`]: event.target.value }))
                      }
                    />
                    <Button size="small" onClick={() => review(row.unitId, 'ACCEPT')}>
                      {t('followUp.accept')}
                    </Button>
                    <Button size="small" danger onClick={() => review(row.unitId, 'RETURN')}>
                      {t('followUp.return')}
                    </Button>
                  </Space>
                ) : null,
            },
          ]}
        />
      </Card>
      <IncentivesCard year={year} canRecord={user?.role === 'OFFICE'} unitName={unitName} />
    </Space>
  );
}
