// The party group (SPEC §1): its members rank (Art. 13) and approve (Art. 18); the leader chairs. A running
// year keeps the members it was published with.
import { Button, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useApi } from '../../api/useApi';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useI18n } from '../../i18n/I18nProvider';
import { useSession } from '../../session/SessionProvider';
import type { AccountRow, MemberRow } from './structureTypes';
import { useStructureSave } from './useStructureSave';

export function PartyGroupTab() {
  const { t } = useI18n();
  const { user } = useSession();
  const isAdmin = user?.role === 'ADMIN';
  const list = useApi<{ members: MemberRow[] }>('/structure/party-group');
  const accounts = useApi<{ accounts: AccountRow[] }>(isAdmin ? '/structure/accounts' : null);
  const [candidate, setCandidate] = useState<string>();
  const save = useStructureSave();
  const change = async (userId: string, body: { member: boolean; leader?: boolean }) => {
    if (await save(() => api.put(`/structure/party-group/${userId}`, body))) {
      setCandidate(undefined);
      list.reload();
      accounts.reload();
    }
  };
  const members = list.data?.members ?? [];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ErrorNotice error={list.error} />
      {isAdmin ? (
        <Space>
          <Select
            style={{ minWidth: 260 }}
            showSearch
            optionFilterProp="label"
            value={candidate}
            onChange={setCandidate}
            aria-label={t('structure.account')}
            options={(accounts.data?.accounts ?? [])
              .filter(
                (account) =>
                  account.role !== 'ADMIN' &&
                  !members.some((member) => member.id === account.id && member.active),
              )
              .map((account) => ({
                value: account.id,
                label: `${account.displayName}（${account.username}）`,
              }))}
          />
          <Button
            type="primary"
            disabled={!candidate}
            onClick={() => candidate && void change(candidate, { member: true })}
          >
            {t('structure.addMember')}
          </Button>
        </Space>
      ) : null}
      <Table
        size="small"
        rowKey="id"
        dataSource={members}
        pagination={false}
        columns={[
          { title: t('structure.displayName'), dataIndex: 'displayName' },
          { title: t('structure.title2'), render: (_, row) => row.title ?? '—' },
          {
            title: t('structure.role'),
            render: (_, row) =>
              row.leader ? <Tag color="red">{t('structure.leader')}</Tag> : t('structure.member'),
          },
          {
            title: t('structure.active'),
            render: (_, row) => (row.active ? t('structure.activeYes') : t('structure.activeNo')),
          },
          ...(isAdmin
            ? [
                {
                  title: t('app.actions'),
                  render: (_: unknown, row: MemberRow) => (
                    <Space>
                      {!row.leader ? (
                        <Button
                          size="small"
                          onClick={() => void change(row.id, { member: true, leader: true })}
                        >
                          {t('structure.makeLeader')}
                        </Button>
                      ) : null}
                      {row.active ? (
                        <Button size="small" danger onClick={() => void change(row.id, { member: false })}>
                          {t('structure.removeMember')}
                        </Button>
                      ) : null}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Space>
  );
}
