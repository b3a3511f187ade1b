import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import { SESSION_ENDED_EVENT } from './realtime';

export type Role = 'admin' | 'supervisor' | 'agent';
export type Me = { id: string; email: string; name: string; role: Role; capacity: number; presence: string; language: string; queueIds: string[] };

type AuthState = {
  me: Me | null;
  loading: boolean;
  login(email: string, password: string): Promise<void>;
  logout(): Promise<void>;
  refresh(): Promise<void>;
};

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const refresh = useCallback(async () => {
    try {
      setMe(await api<Me>('GET', '/api/v1/me'));
    } catch {
      setMe(null);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => void refresh(), [refresh]);
  useEffect(() => {
    const recheck = () => void refresh();
    window.addEventListener(SESSION_ENDED_EVENT, recheck);
    return () => window.removeEventListener(SESSION_ENDED_EVENT, recheck);
  }, [refresh]);
  const login = useCallback(async (email: string, password: string) => {
    await api('POST', '/api/v1/auth/login', { body: { email, password } });
    await refresh();
  }, [refresh]);
  const logout = useCallback(async () => {
    await api('POST', '/api/v1/auth/logout');
    setMe(null);
  }, []);
  return <AuthContext.Provider value={{ me, loading, login, logout, refresh }}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** Shows children to signed-in users with one of the roles; others go to the login page. */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { me, loading } = useAuth();
  const location = useLocation();
  const { t } = useTranslation();
  if (loading) return <p className="loading" role="status">{t('common.loading')}</p>;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  if (!roles.includes(me.role)) return <p role="alert">{t('common.forbidden')}</p>;
  return <>{children}</>;
}
