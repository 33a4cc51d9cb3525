import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { StaffRole } from '../../core/staff/roles.ts';
import { ApiError, get, post, setCsrfToken, setUnauthenticatedHandler } from './client.ts';

export interface Session {
  staffId: string;
  username: string;
  displayName: string;
  agencyId: string;
  roles: StaffRole[];
  permissions: string[];
  csrfToken: string;
}

interface SessionContextValue {
  session: Session | null;
  loading: boolean;
  logIn(username: string, password: string): Promise<void>;
  logOut(): Promise<void>;
  can(permission: string): boolean;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [loading, setLoading] = useState(true);

  const adopt = useCallback((next: Session | null) => {
    setCsrfToken(next?.csrfToken ?? null);
    setSession(next);
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(() => adopt(null));
    get<Session>('/auth/session')
      .then(adopt)
      .catch((error) => {
        if (!(error instanceof ApiError)) console.error(error);
        adopt(null);
      })
      .finally(() => setLoading(false));
  }, [adopt]);

  const value = useMemo<SessionContextValue>(
    () => ({
      session,
      loading,
      async logIn(username, password) {
        adopt(await post<Session>('/auth/login', { username, password }));
      },
      async logOut() {
        try {
          await post('/auth/logout');
        } finally {
          adopt(null);
        }
      },
      can: (permission) => session?.permissions.includes(permission) ?? false,
    }),
    [session, loading, adopt],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('SessionProvider missing');
  return value;
}
