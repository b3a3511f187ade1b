import { NavLink, Route, Routes, useMatch } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../shell/auth';
import { LanguagePicker } from '../shell/LanguagePicker';
import { ChangePasswordButton } from '../shell/ChangePassword';
import { CanEditContext } from './ui';
import { Overview } from './Overview';
import { AccountsPage } from './accounts/AccountsPage';
import { NewAccountWizard } from './accounts/NewAccountWizard';
import { AccountDetail } from './accounts/AccountDetail';
import { WorkstreamsPage } from './workstreams/WorkstreamsPage';
import { WorkstreamEditor } from './workstreams/WorkstreamEditor';
import { ChannelSetupWizard } from './workstreams/ChannelSetupWizard';
import { RoutingPage } from './routing/RoutingPage';
import { BehaviorsPage } from './behaviors/BehaviorsPage';
import { QueuesPage } from './queues/QueuesPage';
import { QueueEditor } from './queues/QueueEditor';
import { UsersPage } from './users/UsersPage';
import { UserEditor } from './users/UserEditor';
import { TemplatesPage } from './templates/TemplatesPage';
import { TemplateEditor } from './templates/TemplateEditor';
import { AuditLogPage } from './audit/AuditLogPage';
import { QuickRepliesPage } from './quick-replies/QuickRepliesPage';
import { QuickReplyEditor } from './quick-replies/QuickReplyEditor';
import { LabelsPage } from './labels/LabelsPage';
import './admin.css';

const SECTIONS = [
  { to: '/admin', key: 'overview', end: true },
  { to: '/admin/accounts', key: 'accounts' },
  { to: '/admin/workstreams', key: 'workstreams' },
  { to: '/admin/queues', key: 'queues' },
  { to: '/admin/users', key: 'users' },
  { to: '/admin/templates', key: 'templates' },
  { to: '/admin/quick-replies', key: 'quickReplies' },
  { to: '/admin/labels', key: 'labels' },
] as const;

export default function AdminCenter() {
  const { t } = useTranslation();
  const { me, logout } = useAuth();
  const isAdmin = me?.role === 'admin';
  // Supervisors manage the shared quick replies too: that page is theirs to change.
  const supervisorsEdit = useMatch('/admin/quick-replies/*') !== null;
  return (
    <CanEditContext.Provider value={isAdmin}>
      <div className="admin">
        <header className="admin-header">
          <span className="admin-brand">Switchboard</span>
          <span className="admin-title">{t('admin.title')}</span>
          <span className="admin-header-spacer" />
          <a href="/agent">{t('admin.nav.agentWorkspace')}</a>
          <a href="/supervisor">{t('admin.nav.supervisor')}</a>
          <LanguagePicker />
          <span className="muted">{me?.name}</span>
          <ChangePasswordButton />
          <button type="button" onClick={() => void logout()}>{t('common.signOut')}</button>
        </header>
        <nav className="admin-nav" aria-label={t('admin.nav.label')}>
          <ul>
            {SECTIONS.map((s) => (
              <li key={s.key}>
                <NavLink to={s.to} end={'end' in s}>{t(`admin.nav.${s.key}`)}</NavLink>
              </li>
            ))}
            {isAdmin && (
              <li>
                <NavLink to="/admin/audit">{t('admin.nav.audit')}</NavLink>
              </li>
            )}
          </ul>
        </nav>
        <main className="admin-main">
          {!isAdmin && !supervisorsEdit && <p className="notice" role="note">{t('admin.readOnly')}</p>}
          <Routes>
            <Route index element={<Overview />} />
            <Route path="accounts" element={<AccountsPage />} />
            <Route path="accounts/new" element={<NewAccountWizard />} />
            <Route path="accounts/:id" element={<AccountDetail />} />
            <Route path="workstreams" element={<WorkstreamsPage />} />
            <Route path="workstreams/new" element={<WorkstreamEditor />} />
            <Route path="workstreams/:id" element={<WorkstreamEditor />} />
            <Route path="workstreams/:id/setup" element={<ChannelSetupWizard />} />
            {/* The setup's address from when it was WhatsApp's only, kept for bookmarks. */}
            <Route path="workstreams/:id/whatsapp" element={<ChannelSetupWizard />} />
            <Route path="workstreams/:id/routing" element={<RoutingPage />} />
            <Route path="workstreams/:id/behaviors" element={<BehaviorsPage />} />
            <Route path="queues" element={<QueuesPage />} />
            <Route path="queues/new" element={<QueueEditor />} />
            <Route path="queues/:id" element={<QueueEditor />} />
            <Route path="users" element={<UsersPage />} />
            <Route path="users/new" element={<UserEditor />} />
            <Route path="users/:id" element={<UserEditor />} />
            <Route path="templates" element={<TemplatesPage />} />
            <Route path="templates/new" element={<TemplateEditor />} />
            <Route path="templates/:id" element={<TemplateEditor />} />
            <Route path="labels" element={<LabelsPage />} />
            <Route path="quick-replies" element={<QuickRepliesPage />} />
            <Route path="quick-replies/new" element={<QuickReplyEditor />} />
            <Route path="quick-replies/:id" element={<QuickReplyEditor />} />
            {isAdmin && <Route path="audit" element={<AuditLogPage />} />}
            <Route path="*" element={<p role="alert">{t('common.notFound')}</p>} />
          </Routes>
        </main>
      </div>
    </CanEditContext.Provider>
  );
}
