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

interface Vote {
  voterId: string;
  voter?: { displayName?: string; role?: string };
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
  const onFinish = async (values: { decision: 'APPROVE' | 'REJECT'; comment?: string }) => {
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
      onFinish={(values) => void onFinish(values)}
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
  const { message, modal } = App.useApp();
  const rounds = useApi<{ rounds: Round[] }>(year ? `/cycles/${year}/approval/rounds` : null);
  useAutoRefresh(rounds.refresh);
  if (!year) return <Alert type="info" title={t('app.noCycle')} />;
  const list = [...(rounds.data?.rounds ?? [])].sort((a, b) => b.number - a.number);
  const open = list.find((round) => round.status === 'OPEN');
  const voted = open?.votes?.some((vote) => vote.voterId === user?.userId);
  const canVote = user?.role === 'LEADER' || user?.role === 'PARTY_MEMBER';
  const submit = () =>
    modal.confirm({
      title: t('scoring.submitConfirm'),
      onOk: async () => {
        try {
          await api.post(`/cycles/${year}/approval/submit`);
          message.success(t('app.submitted'));
          rounds.reload();
        } catch (caught) {
          message.error(errorMessage(caught, locale));
        }
      },
    });
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('approval.title')}
      </Typography.Title>
      <ErrorNotice error={rounds.error} />
      {user?.role === 'OFFICE' && !open ? (
        <Button type="primary" onClick={() => void submit()}>
          {t('scoring.submitApproval')}
        </Button>
      ) : null}
      {open && canVote ? (
        <Card title={t('approval.round', { number: open.number })}>
          {voted ? (
            <Alert type="success" title={t('approval.voted')} />
          ) : (
            <VoteForm year={year} round={open} onVoted={rounds.reload} />
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
              <Table
                size="small"
                rowKey="voterId"
                pagination={false}
                dataSource={round.votes ?? []}
                columns={[
                  {
                    title: t('audit.actor'),
                    render: (_, vote) => vote.voter?.displayName ?? vote.voterName ?? vote.voterId,
                  },
                  {
                    title: t('approval.title'),
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
