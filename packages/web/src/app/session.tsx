/** The signed-in session (or its absence), shared by every page. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { authApi } from '../api/auth.ts';
import { isApiError, onUnauthorised } from '../api/http.ts';
import type { PublicConfig, Session } from '../api/types.ts';
import { navigate } from './router.tsx';

export interface SessionState {
  /** undefined while the first check runs; null when signed out. */
  session: Session | null | undefined;
  config: PublicConfig | null;
  /** True when the hub ended the session (idle timeout, revoked) rather than the person signing out. */
  ended: boolean;
  setSession(s: Session | null): void;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [config, setConfig] = useState<PublicConfig | null>(null);
  const [ended, setEnded] = useState(false);

  useEffect(() => {
    authApi.session().then(setSession, (e: unknown) => {
      setSession(null);
      if (!isApiError(e) || e.status !== 401) console.warn('session check failed', e);
    });
    authApi.publicConfig().then(setConfig, () => setConfig(null));
    return onUnauthorised(() => {
      setSession(null);
      setEnded(true);
    });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      setSession(null);
      // The next person to sign in starts on their own home page, not on the page this one left.
      navigate('/', { replace: true });
    }
  }, []);

  const set = useCallback((s: Session | null) => {
    setSession(s);
    if (s) setEnded(false);
  }, []);
  const value = useMemo(() => ({ session, config, ended, setSession: set, signOut }), [session, config, ended, set, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** The signed-in session; only for pages rendered behind the sign-in gate. */
export function useSignedIn(): Session {
  const { session } = useSession();
  if (!session) throw new Error('useSignedIn without a session');
  return session;
}
