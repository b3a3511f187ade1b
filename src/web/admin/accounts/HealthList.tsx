import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ConfigurationWarning } from '../../../server/messaging-accounts/configuration-warnings';

/** One finding of GET /configuration-warnings: what is wrong, what to do, and for which account. */
export type HealthWarning = ConfigurationWarning;

/** Problems first: they lose messages now; to-dos are steps not taken yet. */
export const byUrgency = (a: HealthWarning, b: HealthWarning) => Number(a.severity !== 'problem') - Number(b.severity !== 'problem');

/**
 * The findings in the reader's language, worded from the code and its params; a finding this
 * build does not know keeps the server's English sentence.
 */
export function HealthList({ items, linkAccounts = true }: { items: HealthWarning[]; linkAccounts?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="health-list">
      {[...items].sort(byUrgency).map((w, i) => {
        const base = `admin.health.${w.code}`;
        const known = i18n.exists(`${base}.problem`) || i18n.exists(`${base}.problem_other`);
        const params = { ...w.params, count: w.count ?? w.params?.count ?? 0 };
        const fixKey = w.params?.provider === 'simulator' && i18n.exists(`${base}.fixSimulator`) ? `${base}.fixSimulator` : `${base}.fix`;
        const problem = known ? t(`${base}.problem`, params) : w.message;
        const fix = known && i18n.exists(fixKey) ? t(fixKey, params) : w.fix;
        return (
          <li key={i} className={`health-item ${w.severity ?? 'problem'}`}>
            <span className={`badge ${w.severity === 'todo' ? 'info' : 'warn'}`}>{w.severity === 'todo' ? t('admin.health.todo') : t('admin.health.problem')}</span>
            <div>
              <p className="health-problem">{problem}</p>
              {fix && <p className="health-fix"><strong>{t('admin.health.fixLabel')}</strong> {fix}</p>}
              {linkAccounts && w.accountId && <Link to={`/admin/accounts/${w.accountId}`}>{t('admin.overview.openAccount')}</Link>}
              {w.workstreamId && <Link to={`/admin/workstreams/${w.workstreamId}/setup`}>{t('admin.overview.openWorkstream')}</Link>}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
