// Assessed units with their category and contacts; deactivation of a unit that takes part in a running
// year asks to confirm what that means (Art. 6: it stays in that year, leaves the next).
import { Button, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useApi } from '../../api/useApi';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useI18n } from '../../i18n/I18nProvider';
import type { CategoryRow, UnitRow } from './structureTypes';
import { StructureFormDialog } from './StructureFormDialog';
import { useStructureSave } from './useStructureSave';

const FIELDS = [
  'code',
  'name',
  'nameEn',
  'categoryId',
  'principalLeaderName',
  'principalLeaderEmail',
  'partyCommitteeName',
  'partyCommitteeEmail',
  'sortOrder',
] as const;

export function UnitsTab() {
  const { t, locale } = useI18n();
  const list = useApi<{ units: UnitRow[] }>('/structure/units');
  const categories = useApi<{ categories: CategoryRow[] }>('/structure/categories');
  const [editing, setEditing] = useState<UnitRow | 'new'>();
  const [confirming, setConfirming] = useState<UnitRow>();
  const save = useStructureSave();
  const nameOf = (row: { name: string; nameEn: string | null }) =>
    (locale === 'en' && row.nameEn) || row.name;
  const setActive = async (row: UnitRow, active: boolean, confirm = false) => {
    // The API says whether the unit is in a running year (409 CONFIRM_REQUIRED); then the dialog explains.
    const ok = await save(
      () => api.put(`/structure/units/${row.id}`, { active, ...(confirm ? { confirm: true } : {}) }),
      {
        handles: (error) => {
          if (error.code !== 'CONFIRM_REQUIRED') return false;
          setConfirming(row);
          return true;
        },
      },
    );
    if (ok) {
      setConfirming(undefined);
      list.reload();
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ErrorNotice error={list.error} />
      <Button type="primary" onClick={() => setEditing('new')}>
        {t('structure.addUnit')}
      </Button>
      <Table
        size="small"
        rowKey="id"
        scroll={{ x: 1000 }}
        dataSource={list.data?.units ?? []}
        pagination={false}
        columns={[
          { title: t('structure.name'), render: (_, row) => nameOf(row) },
          { title: t('structure.category'), render: (_, row) => nameOf(row.category) },
          { title: t('structure.principalLeaderName'), render: (_, row) => row.principalLeaderName ?? '—' },
          { title: t('structure.partyCommitteeName'), render: (_, row) => row.partyCommitteeName ?? '—' },
          {
            title: t('structure.active'),
            render: (_, row) =>
              row.active ? (
                <Tag color="green">{t('structure.activeYes')}</Tag>
              ) : (
                <Tag>{t('structure.activeNo')}</Tag>
              ),
          },
          {
            title: t('structure.openCycles'),
            render: (_, row) => row.openCycles.map((cycle) => cycle.year).join('、') || '—',
          },
          {
            title: t('app.actions'),
            render: (_, row) => (
              <Space>
                <Button
                  size="small"
                  onClick={() => setEditing(row)}
                  aria-label={`${t('structure.edit')} ${row.name}`}
                >
                  {t('structure.edit')}
                </Button>
                <Button
                  size="small"
                  danger={row.active}
                  onClick={() => void setActive(row, !row.active)}
                  aria-label={`${row.active ? t('structure.deactivate') : t('structure.activate')} ${row.name}`}
                >
                  {row.active ? t('structure.deactivate') : t('structure.activate')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={confirming !== undefined}
        title={confirming ? t('structure.confirmDeactivate.title', { name: nameOf(confirming) }) : ''}
        okText={t('structure.confirmDeactivate.ok')}
        okButtonProps={{ danger: true }}
        cancelText={t('app.cancel')}
        onOk={() => confirming && void setActive(confirming, false, true)}
        onCancel={() => setConfirming(undefined)}
      >
        {confirming
          ? t('structure.confirmDeactivate.body', {
              name: nameOf(confirming),
              years: confirming.openCycles.map((cycle) => cycle.year).join('、'),
            })
          : null}
      </Modal>
      <StructureFormDialog
        path="/structure/units"
        editing={editing}
        newTitle={t('structure.addUnit')}
        fields={FIELDS}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          list.reload();
        }}
      >
        <Form.Item name="categoryId" label={t('structure.category')} rules={[{ required: true }]}>
          <Select
            options={(categories.data?.categories ?? []).map((category) => ({
              value: category.id,
              label: nameOf(category),
            }))}
          />
        </Form.Item>
        <Form.Item name="principalLeaderName" label={t('structure.principalLeaderName')}>
          <Input />
        </Form.Item>
        <Form.Item
          name="principalLeaderEmail"
          label={t('structure.principalLeaderEmail')}
          rules={[{ type: 'email' }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="partyCommitteeName" label={t('structure.partyCommitteeName')}>
          <Input />
        </Form.Item>
        <Form.Item
          name="partyCommitteeEmail"
          label={t('structure.partyCommitteeEmail')}
          rules={[{ type: 'email' }]}
        >
          <Input />
        </Form.Item>
      </StructureFormDialog>
    </Space>
  );
}
