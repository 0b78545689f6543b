// Audit log search (Art. 23): who did what to which object, when, with what outcome — actions and
// targets by name, before/after field by field in the expanded row.
import { Button, Card, DatePicker, Form, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useApi } from '../api/useApi';
import { ErrorNotice } from '../components/ErrorNotice';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { formatDate } from '../logic/format';
import { AUDIT_ACTIONS, auditActionLabel, auditChanges } from '../logic/auditLabels';
import { useSession } from '../session/SessionProvider';

interface AuditRow {
  id: string | number;
  at: string;
  actorId?: string | null;
  actorRole?: string | null;
  actorName?: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  targetName?: string | null;
  outcome: string;
  before?: unknown;
  after?: unknown;
}

export function AuditPage() {
  const { t, locale } = useI18n();
  const { year } = useSession();
  const [query, setQuery] = useState(year ? `cycleYear=${year}` : '');
  const [page, setPage] = useState(1);
  // Paged on the server (api/audit/auditRoutes.ts): page and pageSize, total for the pager.
  const list = useApi<{ entries: AuditRow[]; page: number; pageSize: number; total: number }>(
    `/audit?${query}&page=${page}&pageSize=20`,
  );
  const rows = list.data?.entries ?? [];
  const onFinish = (values: {
    action?: string;
    outcome?: string;
    range?: [Dayjs, Dayjs];
    cycleYear?: boolean;
  }) => {
    const params = new URLSearchParams();
    if (year) params.set('cycleYear', String(year));
    if (values.action) params.set('action', values.action);
    if (values.outcome) params.set('outcome', values.outcome);
    if (values.range) {
      params.set('from', values.range[0].toISOString());
      params.set('to', values.range[1].toISOString());
    }
    setQuery(params.toString());
    setPage(1);
  };
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
        {t('audit.title')}
      </Typography.Title>
      <Card>
        <Form layout="inline" onFinish={(values) => void onFinish(values)}>
          <Form.Item name="action" label={t('audit.action')}>
            {/* Actions by name, searched by the name typed. */}
            <Select
              allowClear
              showSearch
              style={{ width: 220 }}
              options={AUDIT_ACTIONS.map((value) => ({ value, label: auditActionLabel(value, locale) }))}
              optionFilterProp="label"
            />
          </Form.Item>
          <Form.Item name="outcome" label={t('audit.outcome')}>
            <Select
              allowClear
              style={{ width: 140 }}
              options={(['OK', 'DENIED'] as const).map((value) => ({
                value,
                label: t(`audit.outcome.${value}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="range" label={`${t('audit.from')}–${t('audit.to')}`}>
            <DatePicker.RangePicker />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('app.search')}
          </Button>
        </Form>
      </Card>
      <ErrorNotice error={list.error} />
      <Table
        size="small"
        rowKey={(row) => String(row.id)}
        scroll={{ x: 800 }}
        loading={list.loading}
        dataSource={rows}
        expandable={{
          rowExpandable: (row) => auditChanges(row.before, row.after).length > 0,
          expandedRowRender: (row) => (
            <Table
              size="small"
              pagination={false}
              rowKey="field"
              aria-label={t('audit.changes')}
              dataSource={auditChanges(row.before, row.after)}
              columns={[
                { title: t('audit.field'), dataIndex: 'field' },
                { title: t('audit.before'), dataIndex: 'before', render: (value?: string) => value ?? '—' },
                { title: t('audit.after'), dataIndex: 'after', render: (value?: string) => value ?? '—' },
              ]}
            />
          ),
        }}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
        }}
        columns={[
          {
            title: t('audit.at'),
            dataIndex: 'at',
            render: (value: string) => formatDate(value, locale, true),
          },
          {
            title: t('audit.actor'),
            render: (_, row) =>
              `${row.actorName ?? '—'}${row.actorRole ? `（${t(`role.${row.actorRole}` as MessageKey)}）` : ''}`,
          },
          {
            title: t('audit.action'),
            dataIndex: 'action',
            render: (value: string) => <span title={value}>{auditActionLabel(value, locale)}</span>,
          },
          {
            title: t('audit.target'),
            // By name; an object deleted since keeps its id (so it can still be traced).
            render: (_, row) => row.targetName ?? row.targetId ?? '—',
          },
          {
            title: t('audit.outcome'),
            dataIndex: 'outcome',
            render: (value: string) => (
              <Tag color={value === 'OK' ? 'green' : 'red'}>
                {value === 'OK' || value === 'DENIED' ? t(`audit.outcome.${value}`) : value}
              </Tag>
            ),
          },
        ]}
      />
    </Space>
  );
}
