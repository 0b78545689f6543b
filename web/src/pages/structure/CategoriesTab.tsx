// Categories of units (Art. 6): add and rename.
import { Button, Space, Table } from 'antd';
import { useState } from 'react';
import { useApi } from '../../api/useApi';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useI18n } from '../../i18n/I18nProvider';
import type { CategoryRow } from './structureTypes';
import { StructureFormDialog } from './StructureFormDialog';

const FIELDS = ['code', 'name', 'nameEn', 'sortOrder'] as const;

export function CategoriesTab() {
  const { t, locale } = useI18n();
  const list = useApi<{ categories: CategoryRow[] }>('/structure/categories');
  const [editing, setEditing] = useState<CategoryRow | 'new'>();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ErrorNotice error={list.error} />
      <Button type="primary" onClick={() => setEditing('new')}>
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
              <Button size="small" onClick={() => setEditing(row)}>
                {t('structure.edit')}
              </Button>
            ),
          },
        ]}
      />
      <StructureFormDialog
        path="/structure/categories"
        editing={editing}
        newTitle={t('structure.addCategory')}
        fields={FIELDS}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          list.reload();
        }}
      />
    </Space>
  );
}
