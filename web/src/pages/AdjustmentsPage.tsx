// Commendations and criticisms (Art. 14, 15) with evidence, and downgrade decisions (Art. 17).
import {
  App,
  Alert,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api/client';
import { useApi } from '../api/useApi';
import { EvidenceUpload } from '../components/EvidenceUpload';
import { ErrorNotice } from '../components/ErrorNotice';
import { useI18n } from '../i18n/I18nProvider';
import { formFieldErrors } from '../logic/apiError';
import { fieldTranslator } from '../logic/errorText';
import { emptyEvidenceDraft, evidenceIdsFor, type EvidenceDraft } from '../logic/formRules';
import { useSession } from '../session/SessionProvider';
import { useUnits } from '../session/useCycle';
import { unitNameFinder } from '../logic/unitName';

const KINDS = ['COMMENDATION_MAJOR', 'COMMENDATION_MINOR', 'CRITICISM_MAJOR', 'CRITICISM_MINOR'] as const;
const REASONS = [
  'CADRE_SELECTION',
  'PARTY_DISCIPLINE',
  'MAJOR_ERROR',
  'FALSIFICATION',
  'LEADERSHIP_SANCTIONED',
] as const;

function RecordForm({
  url,
  fields,
  children,
  onSaved,
  withEvidence,
}: {
  url: string;
  fields: string[];
  children: React.ReactNode;
  onSaved(): void;
  withEvidence?: { year: number };
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const unitId = Form.useWatch('unitId', form) as string | undefined;
  // The files chosen, with the unit they were uploaded for; a new record starts with none.
  const [evidence, setEvidence] = useState<EvidenceDraft>(emptyEvidenceDraft);
  const [uploads, setUploads] = useState(0);
  const [error, setError] = useState<unknown>();
  const onFinish = async (values: Record<string, unknown>) => {
    setError(undefined);
    try {
      await api.post(url, {
        ...values,
        ...(withEvidence ? { evidenceIds: evidenceIdsFor(evidence, values.unitId as string) } : {}),
      });
      message.success(t('app.saved'));
      form.resetFields();
      setEvidence(emptyEvidenceDraft());
      setUploads((count) => count + 1);
      onSaved();
    } catch (caught) {
      setError(caught);
      if (caught instanceof ApiError)
        form.setFields(formFieldErrors(caught, fields, fieldTranslator(locale)).fields as never);
    }
  };
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(values) => void onFinish(values)}
      initialValues={{ count: 1, levels: 1 }}
    >
      <Row gutter={12}>{children}</Row>
      {withEvidence && unitId ? (
        <Form.Item label={t('verification.evidence')}>
          <EvidenceUpload
            key={`${unitId}:${uploads}`}
            year={withEvidence.year}
            unitId={unitId}
            onChange={(files) => setEvidence({ unitId, ids: files.map((file) => file.id) })}
          />
        </Form.Item>
      ) : null}
      <ErrorNotice error={error} />
      <Button type="primary" htmlType="submit" style={{ marginTop: 8 }}>
        {t('adjustments.record')}
      </Button>
    </Form>
  );
}

export function AdjustmentsPage() {
  const { t, locale } = useI18n();
  const { year } = useSession();
  const { units } = useUnits();
  const adjustments = useApi<{
    adjustments: {
      id: string;
      unitId: string;
      kind: string;
      count: number;
      issuedBy: string;
      note: string;
    }[];
  }>(year ? `/cycles/${year}/adjustments` : null);
  const downgrades = useApi<{
    downgrades: { id: string; unitId: string; levels: number; reason: string; note: string }[];
  }>(year ? `/cycles/${year}/downgrades` : null);
  if (!year) return <Alert type="info" title={t('app.noCycle')} />;
  const unitName = unitNameFinder(units, locale);
  const unitSelect = (
    <Col xs={24} md={8}>
      <Form.Item name="unitId" label={t('results.unit')} rules={[{ required: true }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={units.map((unit) => ({ value: unit.id, label: unit.name }))}
        />
      </Form.Item>
    </Col>
  );
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
        {t('menu.adjustments')}
      </Typography.Title>
      <Card title={t('adjustments.title')}>
        <RecordForm
          url={`/cycles/${year}/adjustments`}
          fields={['unitId', 'kind', 'count', 'issuedBy', 'note']}
          onSaved={adjustments.reload}
          withEvidence={{ year }}
        >
          {unitSelect}
          <Col xs={24} md={8}>
            <Form.Item name="kind" label={t('adjustments.kind')} rules={[{ required: true }]}>
              <Select
                options={KINDS.map((kind) => ({ value: kind, label: t(`adjustments.kind.${kind}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="count" label={t('adjustments.count')} rules={[{ required: true }]}>
              <InputNumber min={1} max={20} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="issuedBy" label={t('adjustments.issuedBy')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="note" label={t('adjustments.note')} rules={[{ required: true }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </Col>
        </RecordForm>
        <ErrorNotice error={adjustments.error} />
        <Table
          size="small"
          rowKey="id"
          style={{ marginTop: 16 }}
          dataSource={adjustments.data?.adjustments ?? []}
          columns={[
            { title: t('results.unit'), dataIndex: 'unitId', render: unitName },
            {
              title: t('adjustments.kind'),
              dataIndex: 'kind',
              render: (value: (typeof KINDS)[number]) => t(`adjustments.kind.${value}`),
            },
            { title: t('adjustments.count'), dataIndex: 'count' },
            { title: t('adjustments.issuedBy'), dataIndex: 'issuedBy' },
            { title: t('adjustments.note'), dataIndex: 'note' },
          ]}
        />
      </Card>
      <Card title={t('downgrades.title')}>
        <RecordForm
          url={`/cycles/${year}/downgrades`}
          fields={['unitId', 'levels', 'reason', 'note']}
          onSaved={downgrades.reload}
        >
          {unitSelect}
          <Col xs={24} md={8}>
            <Form.Item name="reason" label={t('downgrades.reason')} rules={[{ required: true }]}>
              <Select
                options={REASONS.map((reason) => ({
                  value: reason,
                  label: t(`downgrades.reason.${reason}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="levels" label={t('downgrades.levels')} rules={[{ required: true }]}>
              <InputNumber min={1} max={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="note" label={t('adjustments.note')} rules={[{ required: true }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </Col>
        </RecordForm>
        <ErrorNotice error={downgrades.error} />
        <Table
          size="small"
          rowKey="id"
          style={{ marginTop: 16 }}
          dataSource={downgrades.data?.downgrades ?? []}
          columns={[
            { title: t('results.unit'), dataIndex: 'unitId', render: unitName },
            {
              title: t('downgrades.reason'),
              dataIndex: 'reason',
              render: (value: (typeof REASONS)[number]) => t(`downgrades.reason.${value}`),
            },
            { title: t('downgrades.levels'), dataIndex: 'levels' },
            { title: t('adjustments.note'), dataIndex: 'note' },
          ]}
        />
      </Card>
    </Space>
  );
}
