/** Two-step sign-in enrolment: scan the QR code, confirm a code, then save the recovery codes (shown once). */
import { useEffect, useState, type FormEvent } from 'react';
import { authApi, type MfaEnrolment } from '../../api/auth.ts';
import { isApiError } from '../../api/http.ts';
import type { Session } from '../../api/types.ts';
import { navigate } from '../../app/router.tsx';
import { homeFor } from '../../app/routes.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorBanner, Loading } from '../../ui/feedback.tsx';
import { TextField } from '../../ui/field.tsx';
import { AuthCard } from '../sign-in/auth-card.tsx';
import { RecoveryCodes } from './recovery-codes.tsx';

export function MfaEnrolPage() {
  const { setSession, signOut } = useSession();
  const [enrolment, setEnrolment] = useState<MfaEnrolment | null>(null);
  const [code, setCode] = useState('');
  const [done, setDone] = useState<{ codes: string[]; session: Session } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    authApi.startEnrolment().then(setEnrolment, setError);
  }, []);

  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await authApi.confirmEnrolment(code.replace(/\s/g, ''));
      setDone({ codes: res.recoveryCodes, session: res.session });
    } catch (err) {
      setError(isApiError(err) && err.id === 'invalid_mfa_code' ? new Error('That code did not match. Check the time on your phone and type the newest code.') : err);
    } finally {
      setBusy(false);
    }
  };

  // The session is only handed to the app once the person says the codes are saved, so this page stays.
  const finish = () => {
    if (!done) return;
    setSession(done.session);
    navigate(homeFor(done.session.user.role), { replace: true });
  };

  if (done) {
    return (
      <AuthCard title="Save your recovery codes" wide>
        <RecoveryCodes codes={done.codes} onDone={finish} />
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Set up two-step sign-in" wide intro="Your role needs a code from an authenticator app (for example Aegis, Google Authenticator or 1Password) each time you sign in.">
      <ErrorBanner error={error} />
      {!enrolment && !error && <Loading what="your QR code" />}
      {enrolment && (
        <div className="enrol">
          <ol className="steps">
            <li>Open your authenticator app and add an account.</li>
            <li>Scan this QR code.</li>
          </ol>
          <div className="qr" role="img" aria-label="QR code for your authenticator app" dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }} />
          <details>
            <summary>Can't scan? Type this key instead</summary>
            <code className="secret" data-testid="totp-secret">{enrolment.secret}</code>
          </details>
          <form onSubmit={confirm} className="form" noValidate>
            <TextField label="6-digit code from the app" inputMode="numeric" autoComplete="one-time-code" required value={code} onValue={setCode} />
            <button type="submit" className="button button--primary button--block" disabled={busy || code.length < 6}>
              {busy ? 'Checking…' : 'Turn on two-step sign-in'}
            </button>
          </form>
        </div>
      )}
      <div className="auth__links">
        <button type="button" className="button button--link" onClick={() => void signOut()}>
          Sign out
        </button>
      </div>
    </AuthCard>
  );
}
