// Member departments (Art. 13, 22): add, rename, whether they rank units; their head accounts by name.
import { Button, Form, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useApi } from '../../api/useApi';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useI18n } from '../../i18n/I18nProvider';
import type { DepartmentRow } from './structureTypes';
import { StructureFormDialog } from './StructureFormDialog';

const FIELDS = ['code', 'name', 'nameEn', 'ranks', 'sortOrder'] as const;

export function DepartmentsTab() {
  const { t, locale } = useI18n();
  const list = useApi<{ departments: DepartmentRow[] }>('/structure/departments');
  const [editing, setEditing] = useState<DepartmentRow | 'new'>();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ErrorNotice error={list.error} />
      <Button type="primary" onClick={() => setEditing('new')}>
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
              <Button size="small" onClick={() => setEditing(row)}>
                {t('structure.edit')}
              </Button>
            ),
          },
        ]}
      />
      <StructureFormDialog
        path="/structure/departments"
        editing={editing}
        newTitle={t('structure.addDepartment')}
        fields={FIELDS}
        initialValues={{ ranks: true }}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          list.reload();
        }}
      >
        <Form.Item name="ranks" label={t('structure.ranks')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </StructureFormDialog>
    </Space>
  );
}
