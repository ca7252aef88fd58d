/** The frame of every signed-in page: who is signed in, the pages they may open, the language switch. */
import { NavLink, Outlet } from 'react-router';
import { useSession } from '../graph/session';
import { useI18n } from './i18n';

export function Layout() {
  const { session, signOut } = useSession();
  const { t, language, setLanguage } = useI18n();
  const hq = session?.role === 'HQ';
  return (
    <div className="frame">
      <header>
        <span className="brand">{t('appName')}</span>
        <nav>
          <NavLink to="/" end>
            {t('overview')}
          </NavLink>
          <NavLink to="/settlement">{t('settlement')}</NavLink>
          <NavLink to="/members">{t('members')}</NavLink>
          <NavLink to="/marketing">{t('marketing')}</NavLink>
          <NavLink to="/benefits">{t('benefits')}</NavLink>
          {hq && <NavLink to="/programme">{t('programme')}</NavLink>}
        </nav>
        <span className="who" data-testid="who">
          {hq ? '总部 HQ' : session?.merchant?.name}
        </span>
        <button type="button" className="link" onClick={() => setLanguage(language === 'en' ? 'zh-CN' : 'en')}>
          {t('language')}
        </button>
        <button type="button" onClick={signOut}>
          {t('signOut')}
        </button>
      </header>
      <main>
        <Outlet />
      </main>
    </div>
  );
}
