// Year-end verification (Art. 8): for one unit, each undertaken indicator with the unit's self-check
// (text, self-assessed fraction, evidence) and the verified completion fraction 0–1 to record.
import { App, Button, Form, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api/client';
import { useApi } from '../api/useApi';
import { EvidenceLinks, type EvidenceFileRef } from './EvidenceViewer';
import { ErrorNotice, errorMessage } from './ErrorNotice';
import { useI18n } from '../i18n/I18nProvider';
import { useCycle, useUnits } from '../session/useCycle';

interface SelfCheckRow {
  indicatorId: string;
  text: string;
  selfFraction: number | null;
  evidence: EvidenceFileRef[];
}

export function YearEndVerification({ year }: { year: number }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { cycle } = useCycle();
  const { units } = useUnits();
  const [unitId, setUnitId] = useState<string>();
  const [fractions, setFractions] = useState<Record<string, number | undefined>>({});
  const [method, setMethod] = useState<'DOCUMENT_REVIEW' | 'ON_SITE'>('DOCUMENT_REVIEW');
  const [error, setError] = useState<unknown>();
  const selfChecks = useApi<{ selfChecks: SelfCheckRow[] }>(
    unitId ? `/cycles/${year}/self-checks?unitId=${unitId}` : null,
  );
  const indicators = (cycle?.indicators ?? []).filter(
    (indicator) => !indicator.notUndertaken.some((row) => row.unitId === unitId),
  );
  const byIndicator = new Map((selfChecks.data?.selfChecks ?? []).map((row) => [row.indicatorId, row]));
  const record = async () => {
    setError(undefined);
    const entries = indicators
      .filter((indicator) => fractions[indicator.id] !== undefined)
      .map((indicator) => ({ indicatorId: indicator.id, unitId, fraction: fractions[indicator.id], method }));
    try {
      await api.post(`/cycles/${year}/verifications/year-end`, { entries });
      message.success(t('app.saved'));
    } catch (caught) {
      setError(caught);
      if (caught instanceof ApiError && Object.keys(caught.fields).length === 0)
        message.error(errorMessage(caught, locale));
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          aria-label={t('verification.unit')}
          placeholder={t('verification.unit')}
          style={{ width: 220 }}
          value={unitId}
          onChange={(value) => {
            setUnitId(value);
            setFractions({});
          }}
          options={units.map((unit) => ({ value: unit.id, label: unit.name }))}
        />
        <Select
          aria-label={t('verification.method')}
          style={{ width: 160 }}
          value={method}
          onChange={setMethod}
          options={(['DOCUMENT_REVIEW', 'ON_SITE'] as const).map((value) => ({
            value,
            label: t(`verification.method.${value}`),
          }))}
        />
      </Space>
      {unitId ? (
        <>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ x: 800 }}
            dataSource={indicators}
            columns={[
              { title: t('results.indicator'), render: (_, row) => `${row.code} ${row.name}` },
              {
                title: t('unit.selfAssessment'),
                render: (_, row) => <Typography.Text>{byIndicator.get(row.id)?.text ?? '—'}</Typography.Text>,
              },
              {
                title: t('unit.selfFraction'),
                render: (_, row) => byIndicator.get(row.id)?.selfFraction ?? '—',
              },
              {
                title: t('verification.evidence'),
                render: (_, row) => <EvidenceLinks files={byIndicator.get(row.id)?.evidence ?? []} />,
              },
              {
                title: t('verification.fraction'),
                fixed: 'right',
                width: 110,
                render: (_, row) => (
                  <InputNumber
                    aria-label={`${t('verification.fraction')} ${row.code}`}
                    min={0}
                    max={1}
                    step={0.1}
                    value={fractions[row.id]}
                    onChange={(value) =>
                      setFractions((current) => ({ ...current, [row.id]: value ?? undefined }))
                    }
                  />
                ),
              },
            ]}
          />
          <Form.Item>
            <ErrorNotice error={error ?? selfChecks.error} />
            <Button type="primary" onClick={() => void record()} style={{ marginTop: 8 }}>
              {t('verification.record')}
            </Button>
          </Form.Item>
        </>
      ) : null}
    </Space>
  );
}
