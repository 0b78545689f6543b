// Incentives (Art. 20) on the follow-up page: the office records recognition, or recognition with a
// reward in lieu of subsidy (amount required), for units whose final grade is GOOD; everyone who may
// read them sees the list. Only GOOD units are offered; the API's field errors stand next to the fields.
import { App, Alert, Button, Card, Col, Form, Input, InputNumber, Row, Select, Table } from 'antd';
import { useMemo, useState } from 'react';
import { api, ApiError } from '../api/client';
import { useApi } from '../api/useApi';
import { ErrorNotice } from './ErrorNotice';
import { useI18n } from '../i18n/I18nProvider';
import { formFieldErrors } from '../logic/apiError';
import { fieldTranslator } from '../logic/errorText';
import {
  goodUnits,
  INCENTIVE_KINDS,
  incentiveBody,
  incentiveProblems,
  type IncentiveDraft,
  type IncentiveKind,
} from '../logic/incentives';
import { toResultRows } from '../logic/resultRows';

interface IncentiveRow {
  id: string;
  unitId: string;
  kind: IncentiveKind;
  amount: number | null;
  note?: string | null;
}

const FIELDS = ['unitId', 'kind', 'amount', 'note'];

export function IncentivesCard({
  year,
  canRecord,
  unitName,
}: {
  year: number;
  canRecord: boolean;
  unitName(id: string): string;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<IncentiveDraft>();
  const kind = Form.useWatch('kind', form);
  const incentives = useApi<{ incentives: IncentiveRow[] }>(`/cycles/${year}/incentives`);
  const results = useApi<unknown>(canRecord ? `/cycles/${year}/results` : null);
  const good = useMemo(() => goodUnits(toResultRows(results.data)), [results.data]);
  const goodIds = good.map((row) => row.unitId);
  const [error, setError] = useState<unknown>();

  const onFinish = async (values: IncentiveDraft) => {
    setError(undefined);
    const problems = incentiveProblems(values, goodIds);
    if (Object.keys(problems).length) {
      form.setFields(
        Object.entries(problems).map(([name, problem]) => ({
          name,
          errors: [t(`incentives.${problem}`)],
        })) as never,
      );
      return;
    }
    try {
      await api.post(`/cycles/${year}/incentives`, incentiveBody(values));
      message.success(t('app.saved'));
      form.resetFields();
      incentives.reload();
    } catch (caught) {
      // The typed values stay; field errors go next to their fields.
      setError(caught);
      if (caught instanceof ApiError)
        form.setFields(formFieldErrors(caught, FIELDS, fieldTranslator(locale)).fields as never);
    }
  };

  return (
    <Card title={t('incentives.title')}>
      {canRecord ? (
        <>
          <Alert
            type="info"
            title={good.length ? t('incentives.onlyGood') : t('incentives.noGood')}
            style={{ marginBottom: 12 }}
          />
          <ErrorNotice error={results.error} />
          <Form
            form={form}
            layout="vertical"
            initialValues={{ kind: 'RECOGNITION' }}
            onFinish={(values) => void onFinish(values)}
          >
            <Row gutter={12}>
              <Col xs={24} md={8}>
                <Form.Item
                  name="unitId"
                  label={t('results.unit')}
                  rules={[{ required: true, message: t('incentives.unitRequired') }]}
                >
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    options={good.map((row) => ({ value: row.unitId, label: unitName(row.unitId) }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item
                  name="kind"
                  label={t('incentives.kind')}
                  rules={[{ required: true, message: t('incentives.kindRequired') }]}
                >
                  <Select
                    options={INCENTIVE_KINDS.map((value) => ({
                      value,
                      label: t(`incentives.kind.${value}`),
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item
                  name="amount"
                  label={t('incentives.amount')}
                  rules={
                    kind === 'RECOGNITION_AND_REWARD'
                      ? [{ required: true, message: t('incentives.amountRequired') }]
                      : []
                  }
                >
                  <InputNumber
                    min={0}
                    disabled={kind !== 'RECOGNITION_AND_REWARD'}
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item name="note" label={t('incentives.note')}>
                  <Input.TextArea rows={2} maxLength={2000} />
                </Form.Item>
              </Col>
            </Row>
            <ErrorNotice error={error} />
            <Button type="primary" htmlType="submit" disabled={!good.length} style={{ marginTop: 8 }}>
              {t('incentives.record')}
            </Button>
          </Form>
        </>
      ) : null}
      <ErrorNotice error={incentives.error} />
      <Table
        size="small"
        rowKey="id"
        style={{ marginTop: 16 }}
        pagination={false}
        dataSource={incentives.data?.incentives ?? []}
        columns={[
          { title: t('results.unit'), dataIndex: 'unitId', render: unitName },
          {
            title: t('incentives.kind'),
            dataIndex: 'kind',
            render: (value: IncentiveKind) => t(`incentives.kind.${value}`),
          },
          {
            title: t('incentives.amount'),
            dataIndex: 'amount',
            render: (value: number | null) => (value === null ? '—' : value.toLocaleString()),
          },
          { title: t('incentives.note'), dataIndex: 'note' },
        ]}
      />
    </Card>
  );
}
