// The frame every signed-in page shares: role-aware menu (collapses on a tablet), cycle picker,
// language switch, sign-out. A skip link leads keyboard users past the menu.
import { Button, Grid, Layout, Menu, Select, Space, Tag, Typography } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { useSession } from '../session/SessionProvider';
import { menuFor, PAGE_PATHS, type PageKey } from '../logic/roleMenu';
import { EngineBanner } from './EngineBanner';
import {
  AuditOutlined,
  BarChartOutlined,
  CalculatorOutlined,
  CheckSquareOutlined,
  CommentOutlined,
  DashboardOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  FlagOutlined,
  FormOutlined,
  LikeOutlined,
  MailOutlined,
  OrderedListOutlined,
  SafetyCertificateOutlined,
  TrophyOutlined,
  UploadOutlined,
  ScheduleOutlined,
  ApartmentOutlined,
} from '@ant-design/icons';
import { TodoProvider, useTodo } from '../session/TodoProvider';
import type { ReactNode } from 'react';

// Icons keep the menu usable when it collapses to a rail on a tablet.
const ICONS: Record<PageKey, ReactNode> = {
  dashboard: <DashboardOutlined />,
  targets: <FlagOutlined />,
  verification: <FileSearchOutlined />,
  adjustments: <LikeOutlined />,
  scoring: <CalculatorOutlined />,
  approval: <SafetyCertificateOutlined />,
  notifications: <MailOutlined />,
  followUp: <CommentOutlined />,
  audit: <AuditOutlined />,
  ranking: <OrderedListOutlined />,
  results: <BarChartOutlined />,
  myTargets: <UploadOutlined />,
  selfCheck: <CheckSquareOutlined />,
  myResults: <TrophyOutlined />,
  myFollowUp: <FileDoneOutlined />,
  thirdParty: <FormOutlined />,
  todo: <ScheduleOutlined />,
  // Structure administration (issue 14)
  structure: <ApartmentOutlined />,
};

/** The number of things to do behind a menu entry (issue 14); the to-do's own entry shows the total. */
function MenuLabel({ page }: { page: PageKey }) {
  const { t } = useI18n();
  const { data } = useTodo();
  const count = page === 'todo' ? (data?.total ?? 0) : (data?.counts[page] ?? 0);
  return (
    <span>
      {t(`menu.${page}`)}
      {count > 0 && (
        <span
          data-testid={`menu-badge-${page}`}
          aria-label={t('todo.badge', { count })}
          style={{
            marginLeft: 6,
            padding: '0 6px',
            borderRadius: 10,
            background: '#b71c1c',
            color: '#fff',
            fontSize: 12,
            lineHeight: '18px',
            display: 'inline-block',
          }}
        >
          {count}
        </span>
      )}
    </span>
  );
}

export function AppLayout() {
  return (
    <TodoProvider>
      <Frame />
    </TodoProvider>
  );
}

function Frame() {
  const { t, locale, setLocale } = useI18n();
  const { user, cycles, year, setYear, signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const [collapsed, setCollapsed] = useState(false);
  if (!user) return null;
  const items = menuFor(user.role).map((key) => ({
    key: PAGE_PATHS[key],
    icon: ICONS[key],
    label: <MenuLabel page={key} />,
    title: t(`menu.${key}`),
  }));
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a
        href="#main"
        className="skip-link"
        style={{ position: 'absolute', left: -9999 }}
        onFocus={(event) => (event.currentTarget.style.left = '8px')}
        onBlur={(event) => (event.currentTarget.style.left = '-9999px')}
      >
        {t('app.skipToContent')}
      </a>
      <Layout.Sider
        breakpoint="lg"
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        // English labels are longer: a wider menu, so no item is cut off (issue 13).
        width={locale === 'en' ? 264 : 208}
        theme="light"
        aria-label="menu"
      >
        <div
          style={{
            padding: '16px 12px',
            fontWeight: 600,
            color: '#b71c1c',
            whiteSpace: 'nowrap',
            overflow: 'hidden',
          }}
        >
          {collapsed ? '考核' : t('app.title')}
        </div>
        <Menu
          mode="inline"
          selectedKeys={[location.pathname]}
          items={items}
          onClick={({ key }) => void navigate(key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '8px 16px',
            height: 'auto',
            minHeight: 64,
            lineHeight: 1.5,
            display: 'flex',
            flexWrap: 'wrap',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 8,
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
            {screens.md ? t('app.federation') : ''}
          </Typography.Text>
          <Space wrap>
            {cycles.length > 0 ? (
              <Select
                aria-label={t('app.cycle')}
                value={year ?? undefined}
                style={{ width: 120 }}
                onChange={setYear}
                options={cycles.map((cycle) => ({ value: cycle.year, label: `${cycle.year}` }))}
              />
            ) : (
              <Tag>{t('app.noCycle')}</Tag>
            )}
            <span data-testid="current-user">
              {user.displayName} · {t(`role.${user.role}`)}
            </span>
            <Button size="small" onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}>
              {t('app.language')}
            </Button>
            <Button
              size="small"
              onClick={() => {
                void signOut().then(() => navigate('/'));
              }}
            >
              {t('app.signOut')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content id="main" tabIndex={-1} style={{ padding: screens.lg ? 24 : 12 }}>
          <EngineBanner />
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
