import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { GraphError } from '../graph/client';
import { useSession } from '../graph/session';
import { ErrorNotice } from '../parts/ErrorNotice';
import { useI18n } from '../parts/i18n';

export function SignIn() {
  const { signIn, endedBecause } = useSession();
  const { t, language, setLanguage } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<GraphError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await signIn(String(form.get('clientId')).trim(), String(form.get('clientSecret')));
      // Only a path inside the console, never another site (an open redirect).
      const next = params.get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
    } catch (caught) {
      setError(caught instanceof GraphError ? caught : new GraphError('NETWORK', String(caught)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="sign-in">
      <form onSubmit={submit} aria-busy={busy}>
        <h1>{t('appName')}</h1>
        <p>{t('signInHint')}</p>
        {endedBecause === 'expired' && (
          <p className="notice" role="status" data-testid="expired">
            {t('expired')}
          </p>
        )}
        {endedBecause === 'signed-out' && (
          <p className="notice" role="status">
            {t('signedOut')}
          </p>
        )}
        <label>
          {t('clientId')}
          <input name="clientId" autoComplete="username" required />
        </label>
        <label>
          {t('clientSecret')}
          <input name="clientSecret" type="password" autoComplete="current-password" required />
        </label>
        <ErrorNotice error={error} />
        <button type="submit" disabled={busy}>
          {busy ? t('loading') : t('signIn')}
        </button>
        <button type="button" className="link" onClick={() => setLanguage(language === 'en' ? 'zh-CN' : 'en')}>
          {t('language')}
        </button>
      </form>
    </div>
  );
}
