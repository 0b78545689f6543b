// Categories of units (Art. 6): add and rename.
import { Button, Form, Input, InputNumber, Modal, Space, Table } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useApi } from '../../api/useApi';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useI18n } from '../../i18n/I18nProvider';
import type { CategoryRow } from './structureTypes';
import { useStructureSave } from './useStructureSave';

const FIELDS = ['code', 'name', 'nameEn', 'sortOrder'] as const;

export function CategoriesTab() {
  const { t, locale } = useI18n();
  const list = useApi<{ categories: CategoryRow[] }>('/structure/categories');
  const [editing, setEditing] = useState<CategoryRow | 'new'>();
  const [form] = Form.useForm();
  const save = useStructureSave();
  const open = (row: CategoryRow | 'new') => {
    form.resetFields();
    if (row !== 'new') form.setFieldsValue(row);
    setEditing(row);
  };
  const submit = async () => {
    const values = await form.validateFields();
    const ok = await save(
      () =>
        editing === 'new'
          ? api.post('/structure/categories', values)
          : api.put(`/structure/categories/${editing!.id}`, values),
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
        {t('structure.addCategory')}
      </Button>
      <Table
        size="small"
        rowKey="id"
        dataSource={list.data?.categories ?? []}
        pagination={false}
        columns={[
          { title: t('structure.name'), render: (_, row) => (locale === 'en' && row.nameEn) || row.name },
          { title: t('structure.code'), dataIndex: 'code' },
          { title: t('structure.unitCount'), dataIndex: 'unitCount' },
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
        title={editing === 'new' ? t('structure.addCategory') : t('structure.edit')}
        okText={t('app.save')}
        cancelText={t('app.cancel')}
        onOk={() => void submit()}
        onCancel={() => setEditing(undefined)}
      >
        <Form form={form} layout="vertical" initialValues={{ sortOrder: 0 }}>
          <Form.Item name="code" label={t('structure.code')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="name" label={t('structure.name')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="nameEn" label={t('structure.nameEn')}>
            <Input />
          </Form.Item>
          <Form.Item name="sortOrder" label={t('structure.sortOrder')}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
