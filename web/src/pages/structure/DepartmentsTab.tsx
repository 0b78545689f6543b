// Member departments (Art. 13, 22): add, rename, whether they rank units; their head accounts by name.
import { Button, Form, Input, InputNumber, Modal, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useApi } from '../../api/useApi';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useI18n } from '../../i18n/I18nProvider';
import type { DepartmentRow } from './structureTypes';
import { useStructureSave } from './useStructureSave';

const FIELDS = ['code', 'name', 'nameEn', 'ranks', 'sortOrder'] as const;

export function DepartmentsTab() {
  const { t, locale } = useI18n();
  const list = useApi<{ departments: DepartmentRow[] }>('/structure/departments');
  const [editing, setEditing] = useState<DepartmentRow | 'new'>();
  const [form] = Form.useForm();
  const save = useStructureSave();
  const open = (row: DepartmentRow | 'new') => {
    form.resetFields();
    if (row !== 'new') form.setFieldsValue(row);
    setEditing(row);
  };
  const submit = async () => {
    const values = await form.validateFields();
    const ok = await save(
      () =>
        editing === 'new'
          ? api.post('/structure/departments', values)
          : api.put(`/structure/departments/${editing!.id}`, values),
      { form, fields: FIELDS },
    );
    if (ok) {
      setEditing(undefined);
      list.reload();
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ErrorNotice error={list.error} />
      <Button type="primary" onClick={() => open('new')}>
        {t('structure.addDepartment')}
      </Button>
      <Table
        size="small"
        rowKey="id"
        dataSource={list.data?.departments ?? []}
        pagination={false}
        columns={[
          { title: t('structure.name'), render: (_, row) => (locale === 'en' && row.nameEn) || row.name },
          {
            title: t('structure.ranks'),
            render: (_, row) => (row.ranks ? <Tag color="green">{t('structure.activeYes')}</Tag> : '—'),
          },
          {
            title: t('structure.heads'),
            render: (_, row) =>
              (row.heads ?? [])
                .filter((head) => head.active)
                .map((head) => head.displayName)
                .join('、') || '—',
          },
          {
            title: t('app.actions'),
            render: (_, row) => (
              <Button size="small" onClick={() => open(row)}>
                {t('structure.edit')}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== undefined}
        title={editing === 'new' ? t('structure.addDepartment') : t('structure.edit')}
        okText={t('app.save')}
        cancelText={t('app.cancel')}
        onOk={() => void submit()}
        onCancel={() => setEditing(undefined)}
      >
        <Form form={form} layout="vertical" initialValues={{ ranks: true, sortOrder: 0 }}>
          <Form.Item name="code" label={t('structure.code')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="name" label={t('structure.name')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="nameEn" label={t('structure.nameEn')}>
            <Input />
          </Form.Item>
          <Form.Item name="ranks" label={t('structure.ranks')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="sortOrder" label={t('structure.sortOrder')}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
