// Accounts (administrator): role, the unit or department it acts for, language, active; a one-time
// password shown once. New accounts through POST /auth/users with a password that follows the rules.
import { Alert, Button, Form, Input, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useApi } from '../../api/useApi';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDate } from '../../logic/format';
import type { AccountRow, DepartmentRow, UnitRow } from './structureTypes';
import { useStructureSave } from './useStructureSave';

const ROLES = ['ADMIN', 'OFFICE', 'LEADER', 'PARTY_MEMBER', 'DEPARTMENT', 'UNIT', 'THIRD_PARTY'] as const;
const FIELDS = [
  'username',
  'displayName',
  'email',
  'title',
  'role',
  'unitId',
  'departmentId',
  'locale',
  'password',
  'active',
] as const;

export function AccountsTab() {
  const { t, locale } = useI18n();
  const list = useApi<{ accounts: AccountRow[] }>('/structure/accounts');
  const units = useApi<{ units: UnitRow[] }>('/structure/units');
  const departments = useApi<{ departments: DepartmentRow[] }>('/structure/departments');
  const [editing, setEditing] = useState<AccountRow | 'new'>();
  const [oneTime, setOneTime] = useState<{ name: string; password: string }>();
  const [filter, setFilter] = useState('');
  const [form] = Form.useForm();
  const role = Form.useWatch('role', form) as string | undefined;
  const save = useStructureSave();
  const open = (row: AccountRow | 'new') => {
    form.resetFields();
    if (row !== 'new') form.setFieldsValue(row);
    setEditing(row);
  };
  const submit = async () => {
    const values = await form.validateFields();
    const body = {
      ...values,
      email: values.email || undefined,
      title: values.title || undefined,
      unitId: values.role === 'UNIT' ? values.unitId : undefined,
      departmentId: values.role === 'DEPARTMENT' ? values.departmentId : undefined,
    };
    const ok = await save(
      () => {
        if (editing === 'new') return api.post('/auth/users', body);
        const { username: _username, password: _password, ...patch } = body;
        return api.put(`/structure/accounts/${editing!.id}`, {
          ...patch,
          email: values.email || null,
          title: values.title || null,
        });
      },
      { form, fields: FIELDS },
    );
    if (ok) {
      setEditing(undefined);
      list.reload();
    }
  };
  const reset = async (row: AccountRow) => {
    let password = '';
    const ok = await save(async () => {
      password = (await api.post<{ password: string }>(`/structure/accounts/${row.id}/one-time-password`))
        .password;
    });
    if (ok) setOneTime({ name: row.displayName, password });
  };
  const boundTo = (row: AccountRow) => row.unitName ?? row.departmentName ?? '—';
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ErrorNotice error={list.error} />
      {oneTime ? (
        <Alert
          type="warning"
          closable
          onClose={() => setOneTime(undefined)}
          title={t('structure.oneTimePassword', oneTime)}
        />
      ) : null}
      <Space>
        <Button type="primary" onClick={() => open('new')}>
          {t('structure.addAccount')}
        </Button>
        <Input.Search
          allowClear
          aria-label={t('app.search')}
          placeholder={`${t('structure.displayName')} / ${t('structure.username')}`}
          onChange={(event) => setFilter(event.target.value.trim())}
          style={{ width: 260 }}
        />
      </Space>
      <Table
        size="small"
        rowKey="id"
        scroll={{ x: 1000 }}
        pagination={false}
        dataSource={(list.data?.accounts ?? []).filter(
          (row) => !filter || row.displayName.includes(filter) || row.username.includes(filter),
        )}
        columns={[
          { title: t('structure.displayName'), dataIndex: 'displayName' },
          { title: t('structure.username'), dataIndex: 'username' },
          { title: t('structure.role'), render: (_, row) => t(`role.${row.role}` as never) },
          {
            title: `${t('structure.unit')} / ${t('structure.department')}`,
            render: (_, row) => boundTo(row),
          },
          {
            title: t('structure.active'),
            render: (_, row) =>
              row.active ? (
                <Tag color="green">{t('structure.activeYes')}</Tag>
              ) : (
                <Tag>{t('structure.activeNo')}</Tag>
              ),
          },
          { title: t('structure.updatedAt'), render: (_, row) => formatDate(row.updatedAt, locale, true) },
          {
            title: t('app.actions'),
            render: (_, row) => (
              <Space>
                <Button
                  size="small"
                  onClick={() => open(row)}
                  aria-label={`${t('structure.edit')} ${row.displayName}`}
                >
                  {t('structure.edit')}
                </Button>
                <Button size="small" onClick={() => void reset(row)}>
                  {t('structure.resetPassword')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== undefined}
        title={editing === 'new' ? t('structure.addAccount') : t('structure.edit')}
        okText={t('app.save')}
        cancelText={t('app.cancel')}
        onOk={() => void submit()}
        onCancel={() => setEditing(undefined)}
      >
        <Form form={form} layout="vertical" initialValues={{ locale: 'zh-CN', role: 'UNIT', active: true }}>
          <Form.Item name="username" label={t('structure.username')} rules={[{ required: true }]}>
            <Input disabled={editing !== 'new'} />
          </Form.Item>
          <Form.Item name="displayName" label={t('structure.displayName')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="email" label={t('structure.email')} rules={[{ type: 'email' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="title" label={t('structure.title2')}>
            <Input />
          </Form.Item>
          <Form.Item name="role" label={t('structure.role')} rules={[{ required: true }]}>
            <Select options={ROLES.map((value) => ({ value, label: t(`role.${value}`) }))} />
          </Form.Item>
          {role === 'UNIT' ? (
            <Form.Item name="unitId" label={t('structure.unit')} rules={[{ required: true }]}>
              <Select
                showSearch
                optionFilterProp="label"
                options={(units.data?.units ?? [])
                  .filter((unit) => unit.active)
                  .map((unit) => ({ value: unit.id, label: (locale === 'en' && unit.nameEn) || unit.name }))}
              />
            </Form.Item>
          ) : null}
          {role === 'DEPARTMENT' ? (
            <Form.Item name="departmentId" label={t('structure.department')} rules={[{ required: true }]}>
              <Select
                options={(departments.data?.departments ?? []).map((department) => ({
                  value: department.id,
                  label: (locale === 'en' && department.nameEn) || department.name,
                }))}
              />
            </Form.Item>
          ) : null}
          <Form.Item name="locale" label={t('structure.locale')}>
            <Select
              options={[
                { value: 'zh-CN', label: '简体中文' },
                { value: 'en', label: 'English' },
              ]}
            />
          </Form.Item>
          {editing === 'new' ? (
            <Form.Item
              name="password"
              label={t('structure.password')}
              extra={t('structure.passwordRule')}
              rules={[{ required: true }]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          ) : (
            <Form.Item name="active" label={t('structure.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
