/** The centred card the signed-out pages share (sign-in, code, set-up, enrolment). */
import { useEffect, type ReactNode } from 'react';
import { useSession } from '../../app/session.tsx';

export function AuthCard({ title, intro, children, wide }: { title: string; intro?: ReactNode; children: ReactNode; wide?: boolean }) {
  const { config } = useSession();
  useEffect(() => {
    document.documentElement.dataset.theme ??= 'dark';
    document.title = `${title} · ${config?.networkName ?? 'camnet'}`;
  }, [title, config]);
  return (
    <main id="main" className="auth">
      <div className={`auth__card${wide ? ' auth__card--wide' : ''}`}>
        <p className="brand">
          <span className="brand__mark" aria-hidden="true" />
          {config?.networkName ?? 'camnet'}
        </p>
        <h1>{title}</h1>
        {intro && <p className="muted">{intro}</p>}
        {children}
      </div>
    </main>
  );
}
