import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AuthProvider, RequireRole } from './auth';
import { LoginPage } from './LoginPage';
import { loadAreaCatalogs, type Area } from '../i18n/setup';

// Each area loads on its own, with its catalogs, so the agent workspace does not ship the admin center's code or words.
const withCatalogs = <T,>(area: Area, load: () => Promise<T>) => () => Promise.all([load(), loadAreaCatalogs(area)]).then(([module]) => module);
const loadAgent = withCatalogs('agent', () => import('../agent/AgentWorkspace'));
const loadAdmin = withCatalogs('admin', () => import('../admin/AdminCenter'));
const loadSimulator = withCatalogs('simulator', () => import('../simulator/SimulatorPhone'));
const loadSupervisor = withCatalogs('supervisor', () => import('../supervisor/SupervisorArea'));
// The area the page opens on starts downloading at once, alongside the sign-in check, not after it.
const opening = typeof location === 'undefined' ? '' : location.pathname;
if (opening === '/' || opening.startsWith('/agent')) void loadAgent();
else if (opening.startsWith('/admin')) void loadAdmin();
else if (opening.startsWith('/simulator')) void loadSimulator();
else if (opening.startsWith('/supervisor')) void loadSupervisor();
const AgentWorkspace = lazy(loadAgent);
const AdminCenter = lazy(loadAdmin);
const SimulatorPhone = lazy(loadSimulator);
const SupervisorArea = lazy(loadSupervisor);

export function App() {
  const { t } = useTranslation();
  return (
    <AuthProvider>
      <Suspense fallback={<p className="loading" role="status">{t('common.loading')}</p>}>
        <Routes>
          <Route path="/" element={<Navigate to="/agent" replace />} />
          <Route path="/login" element={<LoginPage />} />
          <Route path="/agent/*" element={<RequireRole roles={['agent', 'supervisor', 'admin']}><AgentWorkspace /></RequireRole>} />
          <Route path="/admin/*" element={<RequireRole roles={['admin', 'supervisor']}><AdminCenter /></RequireRole>} />
          <Route path="/supervisor/*" element={<RequireRole roles={['supervisor', 'admin']}><SupervisorArea /></RequireRole>} />
          <Route path="/simulator/*" element={<RequireRole roles={['agent', 'supervisor', 'admin']}><SimulatorPhone /></RequireRole>} />
          <Route path="*" element={<p role="alert">{t('common.notFound')}</p>} />
        </Routes>
      </Suspense>
    </AuthProvider>
  );
}
