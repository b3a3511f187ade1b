import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../shell/use-resource';
import { Loaded, Page, useCanEdit } from '../ui';
import type { Items, TemplateView } from '../types';
import { ImportFromTwilio } from './ImportFromTwilio';
import { segmentsOf } from './template-text';

/** Said in words, not only by a badge's colour: these localizations cannot reach a customer outside the 24-hour window. */
function WindowOnly({ languages }: { languages: string[] }) {
  const { t } = useTranslation();
  if (languages.length === 0) return null;
  return <p className="warn small">⚠ {t('admin.templates.onlyInWindow', { languages: languages.join(', ') })}</p>;
}

export function TemplatesPage() {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const templates = useResource<Items<TemplateView>>('/api/v1/templates');
  const [importing, setImporting] = useState(false);
  return (
    <Page title={t('admin.templates.title')} intro={t('admin.templates.intro')}
      actions={canEdit && (
        <>
          <button type="button" onClick={() => setImporting(true)}>{t('admin.templates.import')}</button>
          <Link to="/admin/templates/new" className="button primary">{t('admin.templates.new')}</Link>
        </>
      )}>
      <Loaded resource={templates}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="empty">{t('admin.templates.empty')}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.templates.name')}</th>
                  <th scope="col">{t('admin.templates.text')}</th>
                  <th scope="col">{t('admin.templates.localizations')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((tpl) => (
                  <tr key={tpl.id}>
                    <td><Link to={`/admin/templates/${tpl.id}`}>{tpl.name}</Link></td>
                    <td className="template-text">{segmentsOf(tpl.text).map((s, i) => (s.placeholder ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}</td>
                    <td>
                      {tpl.localizations.map((l) => (
                        <span key={l.language} className={`badge ${l.contentSid ? 'ok' : 'warn'}`} title={l.contentSid ?? t('admin.templates.noContentSid')}>
                          {l.language}{l.contentSid ? ' ✓' : ''}
                        </span>
                      ))}
                      <WindowOnly languages={tpl.localizations.filter((l) => !l.contentSid).map((l) => l.language)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
      {importing && <ImportFromTwilio onClose={() => setImporting(false)} onImported={() => void templates.reload()} />}
    </Page>
  );
}
