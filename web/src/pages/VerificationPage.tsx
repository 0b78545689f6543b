// Verification queue (Art. 8): submitted checkpoint evidence with a viewer/download, and the completion
// fraction 0–1 recorded per unit per checkpoint (documents or on-site visit, 实地察访核验).
import { App, Alert, Button, Card, Form, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { useApi } from '../api/useApi';
import { ErrorNotice } from '../components/ErrorNotice';
import { EvidenceLinks } from '../components/EvidenceViewer';
import { YearEndVerification } from '../components/YearEndVerification';
import { useI18n } from '../i18n/I18nProvider';
import { formatDate } from '../logic/format';
import { useSession } from '../session/SessionProvider';

interface QueueSubmission {
  id: string;
  unitId: string;
  checkpointId: string;
  unit?: { name: string };
  checkpoint?: { name: string; code: string };
  unitName?: string;
  checkpointName?: string;
  text?: string;
  late: boolean;
  submittedAt: string;
  evidence?: { id: string; originalName: string; mimeType?: string }[];
}

export function VerificationPage() {
  const { t, locale } = useI18n();
  const { year } = useSession();
  const { message } = App.useApp();
  const submissions = useApi<{ submissions: QueueSubmission[] }>(year ? `/cycles/${year}/submissions` : null);
  const [fractions, setFractions] = useState<
    Record<string, { fraction?: number; method: 'DOCUMENT_REVIEW' | 'ON_SITE' }>
  >({});
  const [error, setError] = useState<unknown>();
  if (!year) return <Alert type="info" title={t('app.noCycle')} />;
  const rows = submissions.data?.submissions ?? [];
  const record = async () => {
    setError(undefined);
    const entries = rows
      .filter((row) => fractions[row.id]?.fraction !== undefined)
      .map((row) => ({
        unitId: row.unitId,
        checkpointId: row.checkpointId,
        fraction: fractions[row.id].fraction,
        method: fractions[row.id].method,
      }));
    try {
      await api.post(`/cycles/${year}/verifications/checkpoints`, { entries });
      message.success(t('app.saved'));
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('verification.queue')}
      </Typography.Title>
      <ErrorNotice error={submissions.error} />
      <Card>
        <Table
          size="small"
          rowKey="id"
          scroll={{ x: 900 }}
          dataSource={rows}
          columns={[
            {
              title: t('verification.unit'),
              render: (_, row) => row.unit?.name ?? row.unitName ?? row.unitId,
            },
            {
              title: t('verification.checkpoint'),
              render: (_, row) => row.checkpoint?.name ?? row.checkpointName ?? row.checkpointId,
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
              render: (_, row) => (
                <InputNumber
                  aria-label={`${t('verification.fraction')} ${row.unit?.name ?? row.unitId}`}
                  min={0}
                  max={1}
                  step={0.1}
                  value={fractions[row.id]?.fraction}
                  onChange={(value) =>
                    setFractions((current) => ({
                      ...current,
                      [row.id]: {
                        method: current[row.id]?.method ?? 'DOCUMENT_REVIEW',
                        fraction: value ?? undefined,
                      },
                    }))
                  }
                />
              ),
            },
            {
              title: t('verification.method'),
              render: (_, row) => (
                <Select
                  style={{ width: 140 }}
                  value={fractions[row.id]?.method ?? 'DOCUMENT_REVIEW'}
                  onChange={(method) =>
                    setFractions((current) => ({ ...current, [row.id]: { ...current[row.id], method } }))
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
