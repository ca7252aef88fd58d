/**
 * Who is signed in. The token lives in this module's React state only: not in localStorage, a cookie or a URL, so
 * another tab, an extension reading storage, or a shared link never carries it. Reloading the page signs out. The
 * session ends at the token's expiry, or as soon as the graph says UNAUTHENTICATED, and the clerk is sent back to
 * sign in with the page they were on kept for after.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { graphql } from '../graphql';
import type { Role } from '../graphql/graphql';
import { GraphError, sendOperation } from './client';

const AuthenticateOperation = graphql(`
  mutation ConsoleAuthenticate($clientId: ID!, $clientSecret: String!) {
    authenticate(clientId: $clientId, clientSecret: $clientSecret) { token expiresAt role }
  }
`);

const WhoAmIOperation = graphql(`
  query ConsoleMerchants {
    merchants { id name kind }
  }
`);

export interface Session {
  token: string;
  role: Role;
  expiresAt: Date;
  /** A merchant's own id and name (its back office sees only itself in `merchants`). */
  merchant: { id: string; name: string } | null;
}

interface SessionContextValue {
  session: Session | null;
  /** Why the last session ended, shown on the sign-in page. */
  endedBecause: 'expired' | 'signed-out' | null;
  signIn(clientId: string, clientSecret: string): Promise<Session>;
  signOut(): void;
  /** Sends an operation with the session's token; UNAUTHENTICATED ends the session. */
  send<R, V>(document: Parameters<typeof sendOperation<R, V>>[0], variables: V, signal?: AbortSignal): Promise<R>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [endedBecause, setEndedBecause] = useState<SessionContextValue['endedBecause']>(null);
  const navigate = useNavigate();
  const location = useLocation();
  const here = useRef(location.pathname + location.search);
  here.current = location.pathname + location.search;

  const expire = useCallback(() => {
    setSession(null);
    setEndedBecause('expired');
    navigate(`/sign-in?next=${encodeURIComponent(here.current)}`, { replace: true });
  }, [navigate]);

  useEffect(() => {
    if (!session) return;
    const timer = setTimeout(expire, Math.max(0, session.expiresAt.getTime() - Date.now()));
    return () => clearTimeout(timer);
  }, [session, expire]);

  const value = useMemo<SessionContextValue>(
    () => ({
      session,
      endedBecause,
      async signIn(clientId, clientSecret) {
        const { authenticate } = await sendOperation(AuthenticateOperation, { clientId, clientSecret }, null);
        if (authenticate.role !== 'HQ' && authenticate.role !== 'MERCHANT') {
          throw new GraphError('FORBIDDEN', 'The console is for HQ and merchant back-office clients; this client is a terminal.');
        }
        const { merchants } = await sendOperation(WhoAmIOperation, {}, authenticate.token);
        const own = authenticate.role === 'MERCHANT' ? (merchants[0] ?? null) : null;
        const next: Session = {
          token: authenticate.token,
          role: authenticate.role,
          expiresAt: new Date(authenticate.expiresAt),
          merchant: own ? { id: own.id, name: own.name } : null,
        };
        setSession(next);
        setEndedBecause(null);
        return next;
      },
      signOut() {
        // Away from the page first, so the page's guard does not send the clerk to sign in "to come back here".
        navigate('/sign-in', { replace: true });
        setSession(null);
        setEndedBecause('signed-out');
      },
      async send(document, variables, signal) {
        try {
          return await sendOperation(document, variables, session?.token ?? null, signal);
        } catch (error) {
          if (error instanceof GraphError && error.code === 'UNAUTHENTICATED') expire();
          throw error;
        }
      },
    }),
    [session, endedBecause, navigate, expire],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
