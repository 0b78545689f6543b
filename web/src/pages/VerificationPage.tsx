// Verification queue (Art. 8): submitted checkpoint evidence with a viewer/download, and the completion
// fraction 0–1 recorded per unit per checkpoint (documents or on-site visit, 实地察访核验). What was
// recorded shows after a reload (fraction, method, who, when) with 待核验/已核验 and a filter.
import {
  App,
  Alert,
  Button,
  Card,
  Form,
  InputNumber,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { useApi } from '../api/useApi';
import { useAutoRefresh } from '../api/useAutoRefresh';
import { ErrorNotice } from '../components/ErrorNotice';
import { EvidenceLinks } from '../components/EvidenceViewer';
import { YearEndVerification } from '../components/YearEndVerification';
import { useI18n } from '../i18n/I18nProvider';
import { checkpointLabel } from '../logic/checkpointLabel';
import { formatDate } from '../logic/format';
import {
  queueCounts,
  verificationQueue,
  type SavedCheckpointVerification,
  type SavedSubmission,
  type VerificationFilter,
} from '../logic/savedState';
import { useSession } from '../session/SessionProvider';

type QueueSubmission = SavedSubmission;

export function VerificationPage() {
  const { t, locale } = useI18n();
  const { year } = useSession();
  const { message } = App.useApp();
  const submissions = useApi<{ submissions: QueueSubmission[] }>(year ? `/cycles/${year}/submissions` : null);
  const [fractions, setFractions] = useState<
    Record<string, { fraction?: number; method: 'DOCUMENT_REVIEW' | 'ON_SITE' }>
  >({});
  const verifications = useApi<{ checkpoints: SavedCheckpointVerification[] }>(
    year ? `/cycles/${year}/verifications` : null,
  );
  useAutoRefresh(submissions.refresh, verifications.refresh);
  const [filter, setFilter] = useState<VerificationFilter>('ALL');
  const [error, setError] = useState<unknown>();
  if (!year) return <Alert type="info" title={t('app.noCycle')} />;
  const all = verificationQueue(submissions.data?.submissions ?? [], verifications.data?.checkpoints ?? []);
  const counts = queueCounts(all);
  const rows = filter === 'ALL' ? all : all.filter((row) => row.status === filter);
  const methodOf = (row: (typeof all)[number]) =>
    fractions[row.id]?.method ?? row.verification?.method ?? 'DOCUMENT_REVIEW';
  const record = async () => {
    setError(undefined);
    const entries = all
      .filter((row) => fractions[row.id]?.fraction !== undefined)
      .map((row) => ({
        unitId: row.unitId,
        checkpointId: row.checkpointId,
        fraction: fractions[row.id].fraction,
        method: methodOf(row),
      }));
    try {
      await api.post(`/cycles/${year}/verifications/checkpoints`, { entries });
      message.success(t('app.saved'));
      setFractions({});
      verifications.reload();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
        {t('verification.queue')}
      </Typography.Title>
      <ErrorNotice error={submissions.error ?? verifications.error} />
      <Card>
        <Segmented<VerificationFilter>
          aria-label={t('verification.filter')}
          style={{ marginBottom: 12 }}
          value={filter}
          onChange={setFilter}
          options={(['ALL', 'PENDING', 'VERIFIED'] as const).map((value) => ({
            value,
            label:
              value === 'ALL'
                ? `${t('verification.filter.ALL')} ${all.length}`
                : `${t(`verification.status.${value}`)} ${counts[value]}`,
          }))}
        />
        <Table
          size="small"
          rowKey="id"
          scroll={{ x: 900 }}
          dataSource={rows}
          columns={[
            {
              title: t('verification.unit'),
              render: (_, row) => (locale === 'en' && row.unit?.nameEn) || (row.unit?.name ?? '—'),
            },
            {
              title: t('verification.checkpoint'),
              render: (_, row) => checkpointLabel(row.checkpoint, locale),
            },
            {
              title: t('verification.status'),
              render: (_, row) => (
                <Space orientation="vertical" size={0}>
                  <Tag color={row.status === 'VERIFIED' ? 'green' : 'gold'}>
                    {t(`verification.status.${row.status}`)}
                  </Tag>
                  {row.verification ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('verification.recorded', {
                        fraction: row.verification.fraction,
                        method: t(`verification.method.${row.verification.method}`),
                        who: row.verification.verifiedByName ?? '—',
                        at: formatDate(row.verification.verifiedAt, locale, true),
                      })}
                    </Typography.Text>
                  ) : null}
                </Space>
              ),
            },
            {
              title: t('verification.submittedAt'),
              dataIndex: 'submittedAt',
              render: (value: string, row) => (
                <Space>
                  {formatDate(value, locale, true)}
                  {row.late ? <Tag color="orange">{t('verification.late')}</Tag> : null}
                </Space>
              ),
            },
            {
              title: t('verification.evidence'),
              render: (_, row) => (
                <Space orientation="vertical" size={0}>
                  {row.text ? <Typography.Text>{row.text}</Typography.Text> : null}
                  <EvidenceLinks files={row.evidence ?? []} />
                </Space>
              ),
            },
            {
              title: t('verification.fraction'),
              // Kept in view on a tablet (issue 13): the input is what the page is for.
              fixed: 'right',
              width: 110,
              render: (_, row) => (
                <InputNumber
                  aria-label={`${t('verification.fraction')} ${row.unit?.name ?? ''} ${row.checkpoint?.code ?? ''}`}
                  min={0}
                  max={1}
                  step={0.1}
                  // A typed draft, else what is recorded.
                  value={row.id in fractions ? fractions[row.id]?.fraction : row.verification?.fraction}
                  onChange={(value) =>
                    setFractions((current) => ({
                      ...current,
                      [row.id]: { method: methodOf(row), fraction: value ?? undefined },
                    }))
                  }
                />
              ),
            },
            {
              title: t('verification.method'),
              fixed: 'right',
              width: 160,
              render: (_, row) => (
                <Select
                  style={{ width: 140 }}
                  aria-label={`${t('verification.method')} ${row.unit?.name ?? ''} ${row.checkpoint?.code ?? ''}`}
                  value={methodOf(row)}
                  onChange={(method) =>
                    setFractions((current) => ({
                      ...current,
                      [row.id]: {
                        fraction: current[row.id]?.fraction ?? row.verification?.fraction,
                        method,
                      },
                    }))
                  }
                  options={(['DOCUMENT_REVIEW', 'ON_SITE'] as const).map((method) => ({
                    value: method,
                    label: t(`verification.method.${method}`),
                  }))}
                />
              ),
            },
          ]}
        />
        <Form.Item style={{ marginTop: 12 }}>
          <ErrorNotice error={error} />
          <Button type="primary" onClick={() => void record()} style={{ marginTop: 8 }}>
            {t('verification.record')}
          </Button>
        </Form.Item>
      </Card>
      <Card title={t('verification.yearEnd')}>
        <YearEndVerification year={year} />
      </Card>
    </Space>
  );
}
