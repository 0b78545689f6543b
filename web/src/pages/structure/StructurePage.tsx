// 结构管理 (issue 14): the federation's categories, units, departments, party group and accounts. The
// administrator keeps all of it; the office keeps categories, units and departments (accounts are the
// administrator's). A published year keeps the structure it was published with (Art. 6, per year).
import { Alert, Space, Tabs, Typography } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';
import { useSession } from '../../session/SessionProvider';
import { CategoriesTab } from './CategoriesTab';
import { UnitsTab } from './UnitsTab';
import { DepartmentsTab } from './DepartmentsTab';
import { PartyGroupTab } from './PartyGroupTab';
import { AccountsTab } from './AccountsTab';

export function StructurePage() {
  const { t } = useI18n();
  const { user } = useSession();
  const isAdmin = user?.role === 'ADMIN';
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
        {t('structure.title')}
      </Typography.Title>
      <Alert type="info" title={t('structure.note')} />
      <Tabs
        destroyOnHidden
        items={[
          { key: 'units', label: t('structure.tab.units'), children: <UnitsTab /> },
          { key: 'categories', label: t('structure.tab.categories'), children: <CategoriesTab /> },
          { key: 'departments', label: t('structure.tab.departments'), children: <DepartmentsTab /> },
          { key: 'partyGroup', label: t('structure.tab.partyGroup'), children: <PartyGroupTab /> },
          ...(isAdmin
            ? [{ key: 'accounts', label: t('structure.tab.accounts'), children: <AccountsTab /> }]
            : []),
        ]}
      />
    </Space>
  );
}
