// Year-end self-check (Art. 8): a self-assessment per undertaken indicator with evidence.
import { App, Alert, Button, Card, Form, Input, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api/client';
import { EvidenceUpload, type EvidenceMeta } from '../components/EvidenceUpload';
import { ErrorNotice } from '../components/ErrorNotice';
import { useI18n } from '../i18n/I18nProvider';
import { formFieldErrors } from '../logic/apiError';
import { useSession } from '../session/SessionProvider';
import { useCycle } from '../session/useCycle';

export function SelfCheckPage() {
  const { t } = useI18n();
  const { user, year } = useSession();
  const { cycle, error } = useCycle();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [evidence, setEvidence] = useState<Record<string, EvidenceMeta[]>>({});
  const [saveError, setSaveError] = useState<unknown>();
  if (!year) return <Alert type="info" title={t('app.noCycle')} />;
  if (!cycle) return <ErrorNotice error={error} />;
  const unitId = user?.unitId ?? '';
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
    } catch (caught) {
      setSaveError(caught);
      if (caught instanceof ApiError) form.setFields(formFieldErrors(caught, ['items']).fields as never);
    }
  };
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('unit.selfCheck')}
      </Typography.Title>
      <Form form={form} layout="vertical" onFinish={(values) => void onFinish(values)}>
        {mine.map((indicator) => (
          <Card
            key={indicator.id}
            size="small"
            title={`${indicator.code} ${indicator.name}`}
            style={{ marginBottom: 12 }}
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
              onChange={(files) => setEvidence((current) => ({ ...current, [indicator.id]: files }))}
            />
          </Card>
        ))}
        <ErrorNotice error={saveError} />
        <Button type="primary" htmlType="submit" style={{ marginTop: 8 }}>
          {t('app.submit')}
        </Button>
      </Form>
    </Space>
  );
}
