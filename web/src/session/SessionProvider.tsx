// Who is signed in (GET /api/auth/me) and the cycle being looked at (the latest unless chosen).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, setCsrfToken } from '../api/client';
import type { Role } from '../logic/roleMenu';

export interface SessionUser {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  unitId?: string | null;
  departmentId?: string | null;
  locale?: string;
}

export interface CycleSummary {
  id: string;
  year: number;
  title: string;
  stage: string;
  publishedAt: string | null;
  closedAt: string | null;
}

interface Session {
  user: SessionUser | null;
  loading: boolean;
  cycles: CycleSummary[];
  year: number | null;
  setYear(year: number): void;
  reloadCycles(): Promise<void>;
  signIn(username: string, password: string): Promise<SessionUser>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [loading, setLoading] = useState(true);
  const [cycles, setCycles] = useState<CycleSummary[]>([]);
  const [year, setYear] = useState<number | null>(null);

  const reloadCycles = useCallback(async () => {
    const { cycles: list } = await api.get<{ cycles: CycleSummary[] }>('/cycles');
    setCycles(list);
    setYear((current) =>
      current && list.some((cycle) => cycle.year === current) ? current : (list[0]?.year ?? null),
    );
  }, []);

  useEffect(() => {
    api
      .get<{ user: SessionUser; csrfToken: string }>('/auth/me')
      .then(async ({ user: me, csrfToken }) => {
        setCsrfToken(csrfToken);
        setUser(me);
        await reloadCycles().catch(() => undefined);
      })
      .catch(() => setUser(null))
      .finally(() => setLoading(false));
  }, [reloadCycles]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const response = await api.post<{ user: SessionUser & { id: string }; csrfToken: string }>(
        '/auth/login',
        { username, password },
      );
      setCsrfToken(response.csrfToken);
      const me: SessionUser = { ...response.user, userId: response.user.id };
      setUser(me);
      await reloadCycles().catch(() => undefined);
      return me;
    },
    [reloadCycles],
  );

  const signOut = useCallback(async () => {
    await api.post('/auth/logout').catch(() => undefined);
    setCsrfToken(undefined);
    setUser(null);
    setCycles([]);
  }, []);

  const value = useMemo(
    () => ({ user, loading, cycles, year, setYear, reloadCycles, signIn, signOut }),
    [user, loading, cycles, year, reloadCycles, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
