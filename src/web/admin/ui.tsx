import { createContext, useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Resource } from '../shell/use-resource';

/** Admins change settings; supervisors may look. */
export const CanEditContext = createContext(false);
export const useCanEdit = () => useContext(CanEditContext);

export function Page({ title, actions, children, intro }: { title: string; actions?: ReactNode; intro?: ReactNode; children: ReactNode }) {
  return (
    <section className="admin-page" aria-labelledby="page-title">
      <div className="page-head">
        <h1 id="page-title">{title}</h1>
        {actions && <div className="page-actions">{actions}</div>}
      </div>
      {intro && <p className="muted page-intro">{intro}</p>}
      {children}
    </section>
  );
}

/** Loading and failure of a resource, said the same way everywhere; children render once data is there. */
export function Loaded<T>({ resource, children }: { resource: Resource<T>; children: (data: T) => ReactNode }) {
  const { t } = useTranslation();
  if (resource.error && resource.data === undefined) {
    return (
      <div className="form-error" role="alert">
        {resource.error.message || t('common.networkError')}{' '}
        <button type="button" onClick={() => void resource.reload()}>{t('admin.retry')}</button>
      </div>
    );
  }
  if (resource.data === undefined) return <p className="loading" role="status">{t('common.loading')}</p>;
  return <>{children(resource.data)}</>;
}

/** The save/cancel row at the bottom of a form. */
export function FormActions({ children }: { children: ReactNode }) {
  return <div className="form-actions">{children}</div>;
}

/** Turns a check's i18n key into the sentence to show (undefined when there is no problem). */
export function useProblemText(): (problem: string | null | undefined, values?: Record<string, unknown>) => string | undefined {
  const { t } = useTranslation();
  return (problem, values) => (problem ? t(problem, values) : undefined);
}
