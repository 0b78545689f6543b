// Year-end self-check (Art. 8): a self-assessment per undertaken indicator with evidence. What was
// submitted comes back into the form after a reload (text, fraction, files), with when it was saved.
import { App, Alert, Button, Card, Form, Input, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api/client';
import { useApi } from '../api/useApi';
import { EvidenceUpload, type EvidenceMeta } from '../components/EvidenceUpload';
import { ErrorNotice } from '../components/ErrorNotice';
import { useI18n } from '../i18n/I18nProvider';
import { formFieldErrors } from '../logic/apiError';
import { fieldTranslator } from '../logic/errorText';
import { formatDate } from '../logic/format';
import { lastSaved, selfCheckEvidence, selfCheckFormValues, type SavedSelfCheck } from '../logic/savedState';
import { monthDay, selfCheckWindow } from '../logic/stageRules';
import { useSession } from '../session/SessionProvider';
import { useCycle, type CycleDetail } from '../session/useCycle';

export function SelfCheckPage() {
  const { t } = useI18n();
  const { user, year } = useSession();
  const { cycle, error } = useCycle();
  const unitId = user?.unitId ?? '';
  const saved = useApi<{ selfChecks: SavedSelfCheck[] }>(
    year && unitId ? `/cycles/${year}/self-checks?unitId=${unitId}` : null,
  );
  if (!year) return <Alert type="info" title={t('app.noCycle')} />;
  if (!cycle) return <ErrorNotice error={error} />;
  if (unitId && !saved.data && !saved.error) return <Typography.Text>{t('app.loading')}</Typography.Text>;
  const selfChecks = saved.data?.selfChecks ?? [];
  return (
    <SelfCheckForm
      // A new mount per saved version: the form starts from exactly what is stored.
      key={lastSaved(selfChecks) ?? 'none'}
      year={year}
      unitId={unitId}
      cycle={cycle}
      selfChecks={selfChecks}
      loadError={saved.error}
      onSaved={saved.reload}
    />
  );
}

function SelfCheckForm({
  year,
  unitId,
  cycle,
  selfChecks,
  loadError,
  onSaved,
}: {
  year: number;
  unitId: string;
  cycle: CycleDetail;
  selfChecks: SavedSelfCheck[];
  loadError: unknown;
  onSaved(): void;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [evidence, setEvidence] = useState<Record<string, EvidenceMeta[]>>(() =>
    selfCheckEvidence(selfChecks),
  );
  const [saveError, setSaveError] = useState<unknown>();
  const savedAt = lastSaved(selfChecks);
  // Art. 8: the self-check is possible in its stage only; before, the page says when it opens.
  const stageWindow = selfCheckWindow(cycle);
  const closedReason = stageWindow.open
    ? undefined
    : stageWindow.reason === 'CLOSED'
      ? t('stageRule.closed', { action: t('menu.selfCheck') })
      : stageWindow.opensAt
        ? t('stageRule.notYet', { action: t('menu.selfCheck'), date: monthDay(stageWindow.opensAt, locale) })
        : t('stageRule.notYetNoDate', { action: t('menu.selfCheck') });
  const mine = cycle.indicators.filter(
    (indicator) => !indicator.notUndertaken.some((row) => row.unitId === unitId),
  );
  const onFinish = async (values: { items: Record<string, { text?: string; fraction?: number }> }) => {
    setSaveError(undefined);
    try {
      await api.post(`/cycles/${year}/self-checks`, {
        unitId,
        items: mine.map((indicator) => ({
          indicatorId: indicator.id,
          text: values.items?.[indicator.id]?.text ?? '',
          selfFraction: values.items?.[indicator.id]?.fraction,
          evidenceIds: (evidence[indicator.id] ?? []).map((file) => file.id),
        })),
      });
      message.success(t('app.submitted'));
      onSaved();
    } catch (caught) {
      setSaveError(caught);
      if (caught instanceof ApiError)
        form.setFields(formFieldErrors(caught, ['items'], fieldTranslator(locale)).fields as never);
    }
  };
  const byIndicator = new Map(selfChecks.map((row) => [row.indicatorId, row]));
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
        {t('unit.selfCheck')}
      </Typography.Title>
      <ErrorNotice error={loadError} />
      {closedReason ? (
        <Alert type="info" showIcon data-testid="self-check-window" title={closedReason} />
      ) : null}
      {savedAt ? (
        <Alert
          type="success"
          showIcon
          data-testid="self-check-saved"
          title={t('unit.selfCheckSaved', { at: formatDate(savedAt, locale, true) })}
        />
      ) : null}
      <Form
        form={form}
        name="self-check"
        layout="vertical"
        initialValues={selfCheckFormValues(selfChecks)}
        onFinish={(values) => void onFinish(values)}
      >
        {mine.map((indicator) => (
          <Card
            key={indicator.id}
            size="small"
            title={`${indicator.code} ${locale === 'en' && indicator.nameEn ? indicator.nameEn : indicator.name}`}
            style={{ marginBottom: 12 }}
            data-testid={`self-check-${indicator.code}`}
          >
            <Form.Item
              name={['items', indicator.id, 'text']}
              label={t('unit.selfAssessment')}
              rules={[{ required: true }]}
            >
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item name={['items', indicator.id, 'fraction']} label={t('unit.selfFraction')}>
              <InputNumber min={0} max={1} step={0.1} />
            </Form.Item>
            <EvidenceUpload
              year={year}
              unitId={unitId}
              initial={byIndicator.get(indicator.id)?.evidence}
              onChange={(files) => setEvidence((current) => ({ ...current, [indicator.id]: files }))}
            />
          </Card>
        ))}
        <ErrorNotice error={saveError} />
        <Button
          type="primary"
          htmlType="submit"
          disabled={!stageWindow.open}
          title={closedReason}
          style={{ marginTop: 8 }}
        >
          {savedAt ? t('unit.selfCheckResubmit') : t('app.submit')}
        </Button>
        {closedReason ? (
          <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
            {closedReason}
          </Typography.Text>
        ) : null}
      </Form>
    </Space>
  );
}
