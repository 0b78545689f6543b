// Providers (antd locale follows the UI language), routes per role, sign-in gate.
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { I18nProvider, useI18n } from './i18n/I18nProvider';
import { SessionProvider, useSession } from './session/SessionProvider';
import { AppLayout } from './components/AppLayout';
import { LoginPage } from './pages/LoginPage';
import { DashboardPage } from './pages/DashboardPage';
import { TargetsPage } from './pages/TargetsPage';
import { VerificationPage } from './pages/VerificationPage';
import { AdjustmentsPage } from './pages/AdjustmentsPage';
import { ScoringPage } from './pages/ScoringPage';
import { ApprovalPage } from './pages/ApprovalPage';
import { NotificationsPage } from './pages/NotificationsPage';
import { FollowUpPage } from './pages/FollowUpPage';
import { AuditPage } from './pages/AuditPage';
import { RankingPage } from './pages/RankingPage';
import { ResultsPage } from './pages/ResultsPage';
import { UnitTargetsPage } from './pages/UnitTargetsPage';
import { SelfCheckPage } from './pages/SelfCheckPage';
import { UnitFollowUpPage } from './pages/UnitFollowUpPage';
import { ThirdPartyPage } from './pages/ThirdPartyPage';
// To-do (待办, issue 14).
import { TodoPage } from './pages/TodoPage';
// Structure administration (issue 14)
import { StructurePage } from './pages/structure/StructurePage';
import { homePath, menuFor, PAGE_PATHS, type PageKey } from './logic/roleMenu';
import type { ReactElement } from 'react';

const PAGES: Record<PageKey, () => ReactElement> = {
  dashboard: DashboardPage,
  targets: TargetsPage,
  verification: VerificationPage,
  adjustments: AdjustmentsPage,
  scoring: ScoringPage,
  approval: ApprovalPage,
  notifications: NotificationsPage,
  followUp: FollowUpPage,
  audit: AuditPage,
  ranking: RankingPage,
  results: ResultsPage,
  myTargets: UnitTargetsPage,
  selfCheck: SelfCheckPage,
  myResults: ResultsPage,
  myFollowUp: UnitFollowUpPage,
  thirdParty: ThirdPartyPage,
  // To-do (待办, issue 14).
  todo: TodoPage,
  // Structure administration (issue 14)
  structure: StructurePage,
};

function Gate() {
  const { user, loading } = useSession();
  const { t } = useI18n();
  if (loading) return <Spin fullscreen tip={t('app.loading')} />;
  if (!user) {
    return (
      <Routes>
        <Route path="*" element={<LoginPage />} />
      </Routes>
    );
  }
  const allowed = menuFor(user.role);
  return (
    <Routes>
      <Route element={<AppLayout />}>
        {allowed.map((key) => {
          const Page = PAGES[key];
          return <Route key={key} path={PAGE_PATHS[key]} element={<Page />} />;
        })}
        <Route path="*" element={<Navigate to={homePath(user.role)} replace />} />
      </Route>
    </Routes>
  );
}

const FOCUS_TOKENS = {
  activeBorderColor: '#1677ff',
  hoverBorderColor: '#4096ff',
  activeShadow: '0 0 0 2px rgba(5, 145, 255, 0.2)',
  activeOutlineColor: 'rgba(5, 145, 255, 0.2)',
};

function Themed() {
  const { locale } = useI18n();
  return (
    <ConfigProvider
      locale={locale === 'en' ? enUS : zhCN}
      theme={{
        token: { colorPrimary: '#b71c1c', borderRadius: 4 },
        // A focused field is outlined in blue (issue 13): the brand red would read as an error.
        components: Object.fromEntries(
          ['Input', 'InputNumber', 'Select', 'DatePicker', 'Mentions'].map((name) => [name, FOCUS_TOKENS]),
        ),
      }}
    >
      <AntApp>
        <SessionProvider>
          <BrowserRouter>
            <Gate />
          </BrowserRouter>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Themed />
    </I18nProvider>
  );
}
