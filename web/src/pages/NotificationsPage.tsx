// The notices sent for the cycle (outbox), with resend for one that failed or went astray. Events and
// delivery states by name, from the labels the notices themselves use (mail/noticeLabels.ts).
import { App, Alert, Button, Table, Tag, Typography, Space } from 'antd';
import { api } from '../api/client';
import { useApi } from '../api/useApi';
import { ErrorNotice, errorMessage } from '../components/ErrorNotice';
import { useI18n } from '../i18n/I18nProvider';
import { formatDate } from '../logic/format';
import { noticeLabel } from '../../../mail/noticeLabels';
import { useSession } from '../session/SessionProvider';

interface NotificationRow {
  id: string;
  event: string;
  recipientEmail: string;
  recipientName?: string;
  subject: string;
  status: 'QUEUED' | 'SENT' | 'FAILED';
  attempts?: number;
  lastError?: string | null;
  sentAt?: string | null;
  createdAt: string;
}

export function NotificationsPage() {
  const { t, locale } = useI18n();
  const { year } = useSession();
  const { message, modal } = App.useApp();
  const list = useApi<{ notifications: NotificationRow[] }>(year ? `/cycles/${year}/notifications` : null);
  if (!year) return <Alert type="info" title={t('app.noCycle')} />;
  // A resend e-mails the recipient again: it asks first, naming whom and what.
  const resend = (row: NotificationRow) =>
    void modal.confirm({
      title: t('confirm.resendTitle'),
      content: t('confirm.resendBody', {
        recipient: `${row.recipientName ?? ''} <${row.recipientEmail}>`,
        event: noticeLabel(locale, 'event', row.event),
      }),
      okText: t('confirm.ok'),
      cancelText: t('app.cancel'),
      onOk: async () => {
        try {
          await api.post(`/notifications/${row.id}/resend`);
          message.success(t('app.submitted'));
          list.reload();
        } catch (caught) {
          message.error(errorMessage(caught, locale));
        }
      },
    });
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
        {t('notifications.title')}
      </Typography.Title>
      <ErrorNotice error={list.error} />
      <Table
        size="small"
        rowKey="id"
        scroll={{ x: 900 }}
        dataSource={list.data?.notifications ?? []}
        columns={[
          {
            title: t('notifications.event'),
            dataIndex: 'event',
            render: (value: string) => noticeLabel(locale, 'event', value),
          },
          {
            title: t('notifications.recipient'),
            render: (_, row) => `${row.recipientName ?? ''} <${row.recipientEmail}>`,
          },
          { title: t('followUp.content'), dataIndex: 'subject' },
          {
            title: t('notifications.status'),
            dataIndex: 'status',
            render: (value: NotificationRow['status'], row) => (
              <Tag
                color={{ QUEUED: 'blue', SENT: 'green', FAILED: 'red' }[value]}
                title={row.lastError ?? undefined}
              >
                {noticeLabel(locale, 'delivery', value)}
              </Tag>
            ),
          },
          {
            title: t('notifications.sentAt'),
            dataIndex: 'sentAt',
            render: (value: string) => formatDate(value, locale, true),
          },
          {
            title: t('app.actions'),
            render: (_, row) => (
              <Button size="small" onClick={() => resend(row)}>
                {t('notifications.resend')}
              </Button>
            ),
          },
        ]}
      />
    </Space>
  );
}
