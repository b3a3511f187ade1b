import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../shell/use-resource';
import { Loaded, Page } from '../ui';
import type { CannedResponseView, Items } from '../types';
import { languageName } from '../languages';
import { PlaceholderText } from './PlaceholderText';

/** The team's shared quick replies and the caller's own; admins and supervisors manage them both. */
export function QuickRepliesPage() {
  const { t, i18n } = useTranslation();
  const replies = useResource<Items<CannedResponseView>>('/api/v1/canned-responses');
  const ui = i18n.resolvedLanguage ?? 'en';
  return (
    <Page title={t('admin.quickReplies.title')} intro={t('admin.quickReplies.intro')}
      actions={<Link to="/admin/quick-replies/new" className="button primary">{t('admin.quickReplies.new')}</Link>}>
      <Loaded resource={replies}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="empty">{t('admin.quickReplies.empty')}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.quickReplies.shortcut')}</th>
                  <th scope="col">{t('admin.quickReplies.replyTitle')}</th>
                  <th scope="col">{t('admin.quickReplies.body')}</th>
                  <th scope="col">{t('admin.quickReplies.language')}</th>
                  <th scope="col">{t('admin.quickReplies.scope')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((r) => (
                  <tr key={r.id}>
                    <td><Link to={`/admin/quick-replies/${r.id}`} className="mono">/{r.shortcut}</Link></td>
                    <td>{r.title}</td>
                    <td className="template-text"><PlaceholderText text={r.body} /></td>
                    <td>{r.language ? languageName(r.language, ui) : t('admin.quickReplies.anyLanguage')}</td>
                    <td><span className="badge">{t(`admin.quickReplies.scopes.${r.scope}`)}</span></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </Page>
  );
}
