/** Decides what to show: set-up, sign-in, the second-factor steps, or a page inside the layout. */
import { useEffect } from 'react';
import { Layout } from './layout.tsx';
import { navigate, useLocation } from './router.tsx';
import { homeFor, routesFor } from './routes.ts';
import { SessionProvider, useSession } from './session.tsx';
import { Loading, EmptyState } from '../ui/feedback.tsx';
import { Link } from './router.tsx';
import { SignInPage } from '../features/sign-in/sign-in-page.tsx';
import { MfaCodePage } from '../features/sign-in/mfa-code-page.tsx';
import { SetupPage } from '../features/setup/setup-page.tsx';
import { MfaEnrolPage } from '../features/mfa-enrol/mfa-enrol-page.tsx';

const PUBLIC_PATHS = ['/', '/sign-in', '/setup'];

function Gate() {
  const { session } = useSession();
  const { path } = useLocation();

  // A signed-in person on a public path goes to their home page.
  useEffect(() => {
    if (session?.mfa === 'ok' && PUBLIC_PATHS.includes(path)) navigate(homeFor(session.user.role), { replace: true });
  }, [session, path]);

  if (session === undefined) return <Loading what="camnet" />;
  if (!session) return path === '/setup' ? <SetupPage /> : <SignInPage />;
  if (session.mfa === 'required') return <MfaCodePage />;
  if (session.mfa === 'enrol_required' || path === '/mfa/enrol') return <MfaEnrolPage />;

  const allowed = routesFor(session.user.role);
  const route = allowed.find((r) => r.path === path);
  if (!route) {
    if (PUBLIC_PATHS.includes(path)) return <Loading what="your home page" />;
    return (
      <Layout route={undefined}>
        <EmptyState title="There is no page here for your role.">
          <Link href={homeFor(session.user.role)}>Go to your home page</Link>
        </EmptyState>
      </Layout>
    );
  }
  const Page = route.page;
  return (
    <Layout route={route}>
      <Page />
    </Layout>
  );
}

export function App() {
  return (
    <SessionProvider>
      <Gate />
    </SessionProvider>
  );
}
