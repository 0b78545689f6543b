// The add/edit dialog every structure tab shares: code, name, English name and sort order, with the
// tab's own fields between them; saved through useStructureSave (server field errors next to the field).
import { Form, Input, InputNumber, Modal } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/I18nProvider';
import { useStructureSave } from './useStructureSave';

export function StructureFormDialog<Row extends { id: string }>({
  path,
  editing,
  newTitle,
  fields,
  initialValues,
  children,
  onClose,
  onSaved,
}: {
  /** The collection's route, e.g. '/structure/units' (POST to add, PUT `${path}/:id` to edit). */
  path: string;
  /** The row being edited, 'new' to add one, undefined while closed. */
  editing: Row | 'new' | undefined;
  newTitle: string;
  /** Every field the form sends, so a server error lands next to its field. */
  fields: readonly string[];
  initialValues?: Record<string, unknown>;
  /** The tab's own fields, shown after the English name. */
  children?: ReactNode;
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const save = useStructureSave();
  useEffect(() => {
    if (editing === undefined) return;
    form.resetFields();
    if (editing !== 'new') form.setFieldsValue(editing);
  }, [editing, form]);
  const submit = async () => {
    const values: unknown = await form.validateFields();
    const ok = await save(
      () => (editing === 'new' ? api.post(path, values) : api.put(`${path}/${editing!.id}`, values)),
      { form, fields },
    );
    if (ok) onSaved();
  };
  return (
    <Modal
      open={editing !== undefined}
      title={editing === 'new' ? newTitle : t('structure.edit')}
      okText={t('app.save')}
      cancelText={t('app.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Form form={form} layout="vertical" initialValues={{ sortOrder: 0, ...initialValues }}>
        <Form.Item name="code" label={t('structure.code')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="name" label={t('structure.name')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="nameEn" label={t('structure.nameEn')}>
          <Input />
        </Form.Item>
        {children}
        <Form.Item name="sortOrder" label={t('structure.sortOrder')}>
          <InputNumber min={0} precision={0} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
