import { NavLink, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../shell/auth';
import { LanguagePicker } from '../shell/LanguagePicker';
import { ChangePasswordButton } from '../shell/ChangePassword';
import { LiveDashboard } from './LiveDashboard';
import { HistoryPage } from './HistoryPage';
import { TranscriptsPage } from './TranscriptsPage';
import { DataPage } from './DataPage';
import './supervisor.css';

export default function SupervisorArea() {
  const { t } = useTranslation();
  const { me, logout } = useAuth();
  return (
    <div className="sv">
      <header className="sv-header">
        <span className="sv-brand">Switchboard</span>
        <nav aria-label={t('supervisor.nav.label')}>
          <NavLink to="/supervisor" end>{t('supervisor.nav.live')}</NavLink>
          <NavLink to="/supervisor/insights">{t('supervisor.nav.insights')}</NavLink>
          <NavLink to="/supervisor/transcripts">{t('supervisor.nav.transcripts')}</NavLink>
          {me?.role === 'admin' && <NavLink to="/supervisor/data">{t('supervisor.nav.data')}</NavLink>}
        </nav>
        <span className="sv-spacer" />
        <a href="/agent">{t('supervisor.nav.agentWorkspace')}</a>
        <a href="/admin">{t('supervisor.nav.admin')}</a>
        <LanguagePicker />
        <span className="muted">{me?.name}</span>
        <ChangePasswordButton />
        <button type="button" onClick={() => void logout()}>{t('common.signOut')}</button>
      </header>
      <main className="sv-main">
        <Routes>
          <Route index element={<LiveDashboard />} />
          <Route path="insights" element={<HistoryPage />} />
          <Route path="transcripts" element={<TranscriptsPage />} />
          {me?.role === 'admin' && <Route path="data" element={<DataPage />} />}
          <Route path="*" element={<p role="alert">{t('common.notFound')}</p>} />
        </Routes>
      </main>
    </div>
  );
}
