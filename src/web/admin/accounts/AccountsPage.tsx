import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../shell/use-resource';
import { Loaded, Page, useCanEdit } from '../ui';
import type { AccountView, Items } from '../types';

export function AccountsPage() {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const accounts = useResource<Items<AccountView>>('/api/v1/messaging-accounts');
  return (
    <Page title={t('admin.accounts.title')} intro={t('admin.accounts.intro')}
      actions={canEdit && <Link to="/admin/accounts/new" className="button primary">{t('admin.accounts.new')}</Link>}>
      <Loaded resource={accounts}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="empty">{t('admin.accounts.empty')}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.accounts.name')}</th>
                  <th scope="col">{t('admin.accounts.provider')}</th>
                  <th scope="col">{t('admin.accounts.accountSid')}</th>
                  <th scope="col">{t('admin.numbers.title')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((a) => (
                  <tr key={a.id}>
                    <td><Link to={`/admin/accounts/${a.id}`}>{a.name}</Link></td>
                    <td>{t(`admin.accounts.providers.${a.provider}`)}</td>
                    <td className="mono">{a.accountSid}</td>
                    <td>{a.numbers.map((n) => n.number).join(', ') || <span className="muted">{t('admin.numbers.none')}</span>}</td>
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
