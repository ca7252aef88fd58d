/**
 * Which pages a session may open. These only decide what to draw: the graph enforces access on every field whatever
 * the page asks, so a merchant typing an HQ page's URL sees this notice, and a query it crafted itself is refused.
 */
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../graph/session';
import { useI18n } from './i18n';

export function RequireSession({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  if (!session) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return children;
}

export function HqOnly({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const { t } = useI18n();
  if (session?.role !== 'HQ')
    return (
      <div className="error" role="alert" data-code="FORBIDDEN">
        {t('notForMerchant')}
      </div>
    );
  return children;
}
