// Last year as a template (issue 14): a new cycle from an earlier one — indicators, checkpoints,
// non-undertaking, configuration and schedule, with the dates moved to the new year — then edited
// before publication like any cycle (Art. 5, 8).
import { Alert, App, Button, Form, InputNumber, Select } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { useI18n } from '../i18n/I18nProvider';
import { ErrorNotice } from './ErrorNotice';

export function CopyCycleForm({ years, onCreated }: { years: number[]; onCreated(year: number): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>();
  const newest = Math.max(...years);
  const onFinish = async (values: { source: number; year: number }) => {
    setError(undefined);
    try {
      await api.post(`/cycles/${values.source}/copy`, { year: values.year });
      message.success(t('copyCycle.created', { year: values.year }));
      onCreated(values.year);
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <Form
      name="copy-cycle"
      layout="inline"
      initialValues={{ source: newest, year: newest + 1 }}
      onFinish={(values) => void onFinish(values)}
    >
      <Alert type="info" title={t('copyCycle.help')} style={{ marginBottom: 12, width: '100%' }} />
      <Form.Item name="source" label={t('copyCycle.source')} rules={[{ required: true }]}>
        <Select
          style={{ width: 120 }}
          options={years.map((year) => ({ value: year, label: String(year) }))}
        />
      </Form.Item>
      <Form.Item name="year" label={t('copyCycle.year')} rules={[{ required: true }]}>
        <InputNumber min={2000} max={2100} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit">
          {t('copyCycle.create')}
        </Button>
      </Form.Item>
      <ErrorNotice error={error} />
    </Form>
  );
}
