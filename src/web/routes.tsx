import { Spin } from 'antd';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useSession } from './api/session.tsx';
import { ConsoleLayout } from './components/console-layout.tsx';
import { PasswordPage } from './pages/account/password-page.tsx';
import { AgenciesPage } from './pages/agencies/agencies-page.tsx';
import { AnnualReportsPage } from './pages/annual-report/annual-reports-page.tsx';
import { CompilationPage } from './pages/annual-report/compilation-page.tsx';
import { ReportPage } from './pages/annual-report/report-page.tsx';
import { AuditLogPage } from './pages/audit/audit-log-page.tsx';
import { CalendarPage } from './pages/calendar/calendar-page.tsx';
import { CataloguePage } from './pages/catalogue/catalogue-page.tsx';
import { DecisionsPage } from './pages/catalogue/decisions-page.tsx';
import { ReportSection2Page } from './pages/catalogue/report-section2-page.tsx';
import { TimelinessPage } from './pages/catalogue/timeliness-page.tsx';
import { DashboardPage } from './pages/dashboard/dashboard-page.tsx';
import { ClockPage } from './pages/disclosure-request/clock-page.tsx';
import { DisclosureDashboardPage } from './pages/disclosure-request/dashboard-page.tsx';
import { IntakePage } from './pages/disclosure-request/intake-page.tsx';
import { ProactiveProposalsPage } from './pages/disclosure-request/proactive-page.tsx';
import { ReportFeedPage } from './pages/disclosure-request/report-feed-page.tsx';
import { RequestDetailPage } from './pages/disclosure-request/request-detail-page.tsx';
import { RequestsPage } from './pages/disclosure-request/requests-page.tsx';
import { LoginPage } from './pages/login/login-page.tsx';
import { ReportAuditPage } from './pages/report-audit/report-audit-page.tsx';
import { StaffPage } from './pages/staff/staff-page.tsx';

function RequireSession({ children }: { children: React.ReactNode }) {
  const { session, loading } = useSession();
  const location = useLocation();
  if (loading) {
    return (
      <div style={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
        <Spin size="large" />
      </div>
    );
  }
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return <>{children}</>;
}

export function ConsoleRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireSession>
            <ConsoleLayout />
          </RequireSession>
        }
      >
        <Route index element={<DashboardPage />} />
        <Route path="agencies" element={<AgenciesPage />} />
        <Route path="staff" element={<StaffPage />} />
        <Route path="calendar" element={<CalendarPage />} />
        <Route path="audit-log" element={<AuditLogPage />} />
        <Route path="annual-reports" element={<AnnualReportsPage />} />
        <Route path="annual-reports/:id" element={<ReportPage />} />
        <Route path="annual-report-compilation" element={<CompilationPage />} />
        <Route path="report-audit" element={<ReportAuditPage />} />
        <Route path="requests" element={<RequestsPage />} />
        <Route path="requests/new" element={<IntakePage />} />
        <Route path="requests/:id" element={<RequestDetailPage />} />
        <Route path="requests/:id/clock" element={<ClockPage />} />
        <Route path="request-dashboard" element={<DisclosureDashboardPage />} />
        <Route path="request-report-feed" element={<ReportFeedPage />} />
        <Route path="proactive-proposals" element={<ProactiveProposalsPage />} />
        <Route path="catalogue" element={<CataloguePage />} />
        <Route path="timeliness" element={<TimelinessPage />} />
        <Route path="decisions" element={<DecisionsPage />} />
        <Route path="report-section2" element={<ReportSection2Page />} />
        <Route path="account/password" element={<PasswordPage />} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Route>
    </Routes>
  );
}
