import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AuthProvider, RequireRole } from './auth';
import { LoginPage } from './LoginPage';

// Each area loads on its own, so the agent workspace does not ship the admin center's code.
const AgentWorkspace = lazy(() => import('../agent/AgentWorkspace'));
const AdminCenter = lazy(() => import('../admin/AdminCenter'));
const SimulatorPhone = lazy(() => import('../simulator/SimulatorPhone'));

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
          <Route path="/simulator/*" element={<SimulatorPhone />} />
          <Route path="*" element={<p role="alert">{t('common.notFound')}</p>} />
        </Routes>
      </Suspense>
    </AuthProvider>
  );
}
