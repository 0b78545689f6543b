// Party-group approval (Art. 18): the office submits; the leader and members approve or reject with a
// comment (a rejection needs one); every round is kept and listed.
import { App, Alert, Button, Card, Collapse, Form, Input, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api/client';
import { useApi } from '../api/useApi';
import { useAutoRefresh } from '../api/useAutoRefresh';
import { ErrorNotice, errorMessage } from '../components/ErrorNotice';
import { useI18n } from '../i18n/I18nProvider';
import { formFieldErrors } from '../logic/apiError';
import { fieldTranslator } from '../logic/errorText';
import { formatDate } from '../logic/format';
import { useSession } from '../session/SessionProvider';
import { useCycle } from '../session/useCycle';
import { confirmSubmitForApproval } from '../components/confirmSubmitForApproval';
import { tallyLine, type RoundTally } from '../logic/stageConsequences';
import type { MessageKey } from '../i18n/messages';

/** GET /cycles/{year}/approval/summary (api/cycles/approvalSummary.ts). */
interface ApprovalSummary {
  rule: { leaderMustApprove: boolean; majorityOver: number };
  voters: { userId: string; name: string; title: string | null; isLeader: boolean }[];
  rounds: {
    number: number;
    status: Round['status'];
    tally: RoundTally;
    notVoted: string[];
    categories: { name: string; nameEn: string | null; grades: Record<string, number> }[];
    failing: { name: string; nameEn: string | null; total: string }[];
  }[];
  unchangedSinceRound: number | null;
}

const GRADES = ['GOOD', 'FAIRLY_GOOD', 'PASS', 'FAIL'] as const;

/** What round `number` is asked to approve, and where its vote stands against the rule (Art. 18). */
function RoundSummary({ summary, number }: { summary: ApprovalSummary; number: number }) {
  const { t, locale } = useI18n();
  const round = summary.rounds.find((row) => row.number === number);
  if (!round) return null;
  const name = (row: { name: string; nameEn: string | null }) =>
    locale === 'en' && row.nameEn ? row.nameEn : row.name;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid={`round-summary-${number}`}>
      <Alert
        type={round.status === 'OPEN' ? 'info' : round.status === 'APPROVED' ? 'success' : 'error'}
        showIcon
        data-testid={`tally-${number}`}
        title={
          <>
            {t('tally.summary', {
              round: number,
              approvals: round.tally.approvals,
              rejections: round.tally.rejections,
              voters: summary.voters.length,
            })}
            {round.status === 'OPEN' ? ` · ${tallyLine(round.tally, t, locale)}` : null}
          </>
        }
        description={
          <>
            <div>{t('tally.rule', { needed: round.tally.needed, voters: summary.voters.length })}</div>
            {round.status === 'OPEN' && round.notVoted.length ? (
              <div>{t('tally.notVoted', { names: round.notVoted.join(locale === 'en' ? ', ' : '、') })}</div>
            ) : null}
          </>
        }
      />
      <Typography.Text strong>{t('approval.summaryTitle')}</Typography.Text>
      <Table
        size="small"
        rowKey="name"
        pagination={false}
        dataSource={round.categories}
        columns={[
          { title: t('results.category'), render: (_, row) => name(row) },
          ...GRADES.map((grade) => ({
            title: t(`grade.${grade}` as MessageKey),
            render: (_: unknown, row: ApprovalSummary['rounds'][number]['categories'][number]) =>
              row.grades[grade] ?? 0,
          })),
        ]}
      />
      <Typography.Text>
        {round.failing.length
          ? `${t('approval.failing')}${locale === 'en' ? ': ' : '：'}${round.failing
              .map((row) =>
                locale === 'en' ? `${name(row)} (${row.total})` : `${name(row)}（${row.total}）`,
              )
              .join(locale === 'en' ? ', ' : '、')}`
          : t('approval.noFailing')}
      </Typography.Text>
    </Space>
  );
}

interface Vote {
  voterId: string;
  voter?: { displayName?: string; role?: string; title?: string | null };
  voterName?: string;
  decision: 'APPROVE' | 'REJECT';
  comment: string;
  votedAt: string;
}

interface Round {
  number: number;
  status: 'OPEN' | 'APPROVED' | 'REJECTED';
  snapshotHash?: string;
  submittedAt?: string;
  decidedAt?: string | null;
  votes?: Vote[];
}

function VoteForm({ year, round, onVoted }: { year: number; round: Round; onVoted(): void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ decision: 'APPROVE' | 'REJECT'; comment?: string }>();
  const [error, setError] = useState<unknown>();
  const { modal } = App.useApp();
  // A vote is final for the round (Art. 18): it asks first, naming the decision.
  const onFinish = (values: { decision: 'APPROVE' | 'REJECT'; comment?: string }) =>
    void modal.confirm({
      title: t('confirm.voteTitle', {
        decision: t(values.decision === 'APPROVE' ? 'approval.approve' : 'approval.reject'),
      }),
      content: t('confirm.voteBody'),
      okText: t('confirm.ok'),
      cancelText: t('app.cancel'),
      okButtonProps: values.decision === 'REJECT' ? { danger: true } : undefined,
      onOk: () => castVote(values),
    });
  const castVote = async (values: { decision: 'APPROVE' | 'REJECT'; comment?: string }) => {
    setError(undefined);
    try {
      await api.post(`/cycles/${year}/approval/rounds/${round.number}/votes`, {
        decision: values.decision,
        comment: values.comment ?? '',
      });
      message.success(t('approval.voted'));
      onVoted();
    } catch (caught) {
      setError(caught);
      if (caught instanceof ApiError)
        form.setFields(
          formFieldErrors(caught, ['decision', 'comment'], fieldTranslator(locale)).fields as never,
        );
    }
  };
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={onFinish}
      initialValues={{ decision: 'APPROVE' }}
      style={{ maxWidth: 640 }}
    >
      <Form.Item name="decision" label={t('approval.decision')}>
        <Radio.Group
          options={[
            { value: 'APPROVE', label: t('approval.approve') },
            { value: 'REJECT', label: t('approval.reject') },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="comment"
        dependencies={['decision']}
        label={t('approval.comment')}
        // Read at validation time: `decision` from useWatch lags one render behind the radio that triggered it.
        rules={[
          ({ getFieldValue }) => ({
            required: getFieldValue('decision') === 'REJECT',
            message: t('approval.commentRequired'),
          }),
        ]}
      >
        <Input.TextArea rows={3} />
      </Form.Item>
      <ErrorNotice error={error} />
      <Button type="primary" htmlType="submit" style={{ marginTop: 8 }}>
        {t('app.submit')}
      </Button>
    </Form>
  );
}

export function ApprovalPage() {
  const { t, locale } = useI18n();
  const { user, year } = useSession();
  // Submission is possible only while scoring (Art. 18): after approval the button is not offered.
  const { cycle } = useCycle();
  const { message, modal } = App.useApp();
  const rounds = useApi<{ rounds: Round[] }>(year ? `/cycles/${year}/approval/rounds` : null);
  const summary = useApi<ApprovalSummary>(year ? `/cycles/${year}/approval/summary` : null);
  useAutoRefresh(rounds.refresh, summary.refresh);
  const reloadAll = () => {
    rounds.reload();
    summary.reload();
  };
  if (!year) return <Alert type="info" title={t('app.noCycle')} />;
  const list = [...(rounds.data?.rounds ?? [])].sort((a, b) => b.number - a.number);
  const open = list.find((round) => round.status === 'OPEN');
  const voted = open?.votes?.some((vote) => vote.voterId === user?.userId);
  const canVote = user?.role === 'LEADER' || user?.role === 'PARTY_MEMBER';
  const submit = () =>
    confirmSubmitForApproval({
      year,
      modal,
      t,
      onSubmitted: () => {
        message.success(t('app.submitted'));
        reloadAll();
      },
      onError: (caught) => void message.error(errorMessage(caught, locale)),
    });
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
        {t('approval.title')}
      </Typography.Title>
      <ErrorNotice error={rounds.error} />
      {user?.role === 'OFFICE' && !open && cycle?.stage === 'SCORING' ? (
        <Space orientation="vertical">
          {summary.data?.unchangedSinceRound ? (
            <Alert
              type="warning"
              showIcon
              title={t('confirm.identical', { number: summary.data.unchangedSinceRound })}
            />
          ) : null}
          <Button type="primary" onClick={() => void submit()}>
            {t('scoring.submitApproval')}
          </Button>
        </Space>
      ) : null}
      {summary.data ? (
        <Card title={t('approval.voters')} size="small" data-testid="approval-voters">
          <Space wrap>
            {summary.data.voters.map((voter) => (
              <Tag key={voter.userId} color={voter.isLeader ? 'red' : undefined}>
                {voter.name}
                {voter.isLeader ? `（${t('approval.leader')}）` : voter.title ? `（${voter.title}）` : ''}
              </Tag>
            ))}
          </Space>
        </Card>
      ) : null}
      {open && canVote ? (
        <Card title={t('approval.round', { number: open.number })}>
          {voted ? (
            <Alert type="success" title={t('approval.voted')} />
          ) : (
            <VoteForm year={year} round={open} onVoted={reloadAll} />
          )}
        </Card>
      ) : null}
      {list.length === 0 && !rounds.error ? <Alert type="info" title={t('approval.noRound')} /> : null}
      <Collapse
        key={list.length}
        defaultActiveKey={list[0] ? [String(list[0].number)] : []}
        items={list.map((round) => ({
          key: String(round.number),
          label: (
            <Space>
              {t('approval.round', { number: round.number })}
              <Tag color={{ OPEN: 'blue', APPROVED: 'green', REJECTED: 'red' }[round.status]}>
                {t(`approval.status.${round.status}`)}
              </Tag>
              {formatDate(round.submittedAt, locale, true)}
            </Space>
          ),
          children: (
            <>
              {round.snapshotHash ? (
                <Typography.Paragraph type="secondary" copyable={{ text: round.snapshotHash }}>
                  {t('approval.snapshot')}: {round.snapshotHash.slice(0, 16)}…
                </Typography.Paragraph>
              ) : null}
              {summary.data ? <RoundSummary summary={summary.data} number={round.number} /> : null}
              <Table
                size="small"
                rowKey="voterId"
                pagination={false}
                dataSource={round.votes ?? []}
                columns={[
                  {
                    title: t('approval.voters'),
                    // By name, with the title only as a second line (two members can share one title).
                    render: (_, vote) => (
                      <Space orientation="vertical" size={0}>
                        <span>{vote.voter?.displayName ?? vote.voterName ?? '—'}</span>
                        {vote.voter?.title ? (
                          <Typography.Text type="secondary">{vote.voter.title}</Typography.Text>
                        ) : null}
                      </Space>
                    ),
                  },
                  {
                    title: t('approval.decision'),
                    dataIndex: 'decision',
                    render: (value: Vote['decision']) => (
                      <Tag color={value === 'APPROVE' ? 'green' : 'red'}>
                        {t(value === 'APPROVE' ? 'approval.approve' : 'approval.reject')}
                      </Tag>
                    ),
                  },
                  { title: t('approval.comment'), dataIndex: 'comment' },
                  {
                    title: t('audit.at'),
                    dataIndex: 'votedAt',
                    render: (value: string) => formatDate(value, locale, true),
                  },
                ]}
              />
            </>
          ),
        }))}
      />
    </Space>
  );
}
