/** The signed-in frame: skip link, header with the network's name, navigation for the role, account menu. */
import { Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation } from './router.tsx';
import { routesFor, type AppRoute } from './routes.ts';
import { useSession, useSignedIn } from './session.tsx';
import { useTheme } from './theme.ts';
import { Loading } from '../ui/feedback.tsx';
import { humanise } from '../ui/format.tsx';

function groupRoutes(routes: AppRoute[]): [string, AppRoute[]][] {
  const groups = new Map<string, AppRoute[]>();
  for (const r of routes) groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
  return [...groups];
}

function Nav({ routes, current, onNavigate }: { routes: AppRoute[]; current: string; onNavigate: () => void }) {
  return (
    <nav className="nav" aria-label="Main">
      {groupRoutes(routes).map(([group, items]) => (
        <div className="nav__group" key={group}>
          <p className="nav__heading">{group}</p>
          <ul>
            {items.map((r) => (
              <li key={r.path}>
                <Link href={r.path} aria-current={current === r.path ? 'page' : undefined} onClick={onNavigate}>
                  {r.label}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}

function AccountBox() {
  const { user } = useSignedIn();
  const { signOut } = useSession();
  const [theme, setTheme] = useTheme(user.role);
  return (
    <div className="account">
      <p className="account__who">
        <span className="account__name">{user.name}</span>
        <span className="muted small">{humanise(user.role)}</span>
      </p>
      {!user.mfaEnrolled && (
        <Link href="/mfa/enrol" className="small">
          Set up two-step sign-in
        </Link>
      )}
      <button type="button" className="button button--ghost button--small" onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}>
        {theme === 'dark' ? 'Light theme' : 'Dark theme'}
      </button>
      <button type="button" className="button button--secondary button--small" onClick={() => void signOut()}>
        Sign out
      </button>
    </div>
  );
}

export function Layout({ route, children }: { route: AppRoute | undefined; children: ReactNode }) {
  const { user } = useSignedIn();
  const { config } = useSession();
  const { path } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  useTheme(user.role);

  useEffect(() => {
    document.title = `${route?.label ?? 'camnet'} · ${config?.networkName ?? 'camnet'}`;
  }, [route, config]);

  // After a navigation, keyboard and screen-reader users continue from the new page's content.
  const firstPath = useRef(path);
  useEffect(() => {
    if (path !== firstPath.current) mainRef.current?.focus({ preventScroll: true });
  }, [path]);

  return (
    <div className={`shell${route?.full ? ' shell--full' : ''}`}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">
          <span className="brand__mark" aria-hidden="true" />
          {config?.networkName ?? 'camnet'}
        </span>
        <button
          type="button"
          className="button button--ghost menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="sidebar"
          onClick={() => setMenuOpen((o) => !o)}
        >
          Menu
        </button>
      </header>
      <aside id="sidebar" className={`sidebar${menuOpen ? ' sidebar--open' : ''}`}>
        <Nav routes={routesFor(user.role)} current={path} onNavigate={() => setMenuOpen(false)} />
        <AccountBox />
      </aside>
      <main id="main" ref={mainRef} tabIndex={-1} className={route?.full ? 'main main--full' : 'main'}>
        <Suspense fallback={<Loading what="page" />}>{children}</Suspense>
      </main>
    </div>
  );
}
