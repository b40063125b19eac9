import { type ReactNode, type RefObject, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { NO_PERMISSIONS, type Permissions } from '../api/permissions.js';
import { LanguageSwitch } from './language-switch.js';

export interface LayoutProps {
  children: ReactNode;
  /** Shown when the server has sign-in and someone is signed in. */
  user?: { username: string; role?: string } | null;
  /** What the user may do: pages they cannot use are not offered (the server would answer "not found"). */
  permissions?: Permissions;
  onSignOut?: () => void;
  /** The sign-in page has no navigation: nothing behind it can be reached yet. */
  bare?: boolean;
  /** Out of reach behind the sign-in dialog: kept on screen and mounted, but no keyboard, pointer or reader gets in. */
  inert?: boolean;
}

/**
 * The document title follows the page's heading (its <h1> in `main`), in the UI language, so a browser tab, the
 * history and a screen reader say where one is: "People — Chronicle", "Люди — Chronicle"; "Chronicle" while the page
 * has no heading yet; "Sign in to Chronicle" as it is; a record's page by its kind ("Person — Chronicle", from the
 * heading's `data-title`), never by the name it shows. Watched in one place, so every page is named, and renamed when
 * its heading changes (another language), without each page saying so.
 */
function useTitleFromHeading(main: RefObject<HTMLElement | null>) {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    const element = main.current;
    if (!element) return;
    const update = () => {
      // A record's heading names a person, a case or a report: the title, kept in the browser's history and shown on
      // a shared screen's tabs, says only what kind of page it is (`data-title`).
      const h1 = element.querySelector('h1');
      const heading = (h1?.dataset.title ?? h1?.textContent)?.replace(/\s+/g, ' ').trim();
      const app = t('app.name');
      // A heading that names the app already ("Sign in to Chronicle") is the title as it is.
      const title = !heading ? app : heading.includes(app) ? heading : t('app.pageTitle', { page: heading, app });
      if (document.title !== title) document.title = title;
    };
    update();
    const observer = new MutationObserver(update);
    observer.observe(element, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [main, t, i18n.language]);
}

/** Header with the navigation and the language switch; the page goes in <main id="main">. */
export function Layout({
  children,
  user,
  permissions = NO_PERMISSIONS,
  onSignOut,
  bare = false,
  inert = false,
}: LayoutProps) {
  const { t } = useTranslation();
  const main = useRef<HTMLElement>(null);
  useTitleFromHeading(main);
  const navClass = ({ isActive }: { isActive: boolean }) => (isActive ? 'nav__link is-active' : 'nav__link');
  return (
    <div className="shell" inert={inert} aria-hidden={inert ? true : undefined}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="header">
        <div className="header__inner">
          <div className="brand">
            <span className="brand__name">{t('app.name')}</span>
            <span className="brand__tagline">{t('app.tagline')}</span>
          </div>
          {bare ? null : (
            <nav className="nav" aria-label={t('app.mainNav')}>
              <NavLink to="/sources" className={navClass}>
                {t('nav.sources')}
              </NavLink>
              <NavLink to="/search" className={navClass}>
                {t('nav.search')}
              </NavLink>
              <NavLink to="/review" className={navClass}>
                {t('nav.review')}
              </NavLink>
              <NavLink to="/persons" className={navClass}>
                {t('nav.people')}
              </NavLink>
              <NavLink to="/cases" className={navClass}>
                {t('nav.cases')}
              </NavLink>
              <NavLink to="/events" className={navClass}>
                {t('nav.events')}
              </NavLink>
              <NavLink to="/merges" className={navClass}>
                {t('merges.nav')}
              </NavLink>
              <NavLink to="/stats" className={navClass}>
                {t('nav.stats')}
              </NavLink>
              {permissions.jobs ? (
                <NavLink to="/jobs" className={navClass}>
                  {t('nav.jobs')}
                </NavLink>
              ) : null}
              {permissions.audit ? (
                <NavLink to="/audit" className={navClass}>
                  {t('audit.nav')}
                </NavLink>
              ) : null}
              {permissions.groups ? (
                <NavLink to="/accounts" className={navClass}>
                  {t('groups.nav')}
                </NavLink>
              ) : null}
            </nav>
          )}
          <div className="header__tools">
            <LanguageSwitch />
            {user && onSignOut ? (
              <div className="account">
                <NavLink to="/account" className="account__name nav__link" title={t('account.nav')}>
                  {t('app.signedInAs', { name: user.username })}
                </NavLink>
                <button type="button" className="button button--secondary button--small" onClick={onSignOut}>
                  {t('app.signOut')}
                </button>
              </div>
            ) : null}
          </div>
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1} ref={main}>
        {children}
      </main>
    </div>
  );
}
