/** Step two of signing in: a code from the authenticator app, or one of the recovery codes. */
import { useState, type FormEvent } from 'react';
import { authApi } from '../../api/auth.ts';
import { isApiError } from '../../api/http.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorBanner } from '../../ui/feedback.tsx';
import { TextField } from '../../ui/field.tsx';
import { AuthCard } from './auth-card.tsx';

export function MfaCodePage() {
  const { setSession, signOut } = useSession();
  const [code, setCode] = useState('');
  const [recovery, setRecovery] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setSession(await authApi.verifyMfa(code.replace(/\s/g, '')));
    } catch (err) {
      setError(isApiError(err) && err.id === 'invalid_mfa_code' ? new Error('That code did not work. Codes change every 30 seconds; try the current one.') : err);
      setBusy(false);
    }
  };

  return (
    <AuthCard title="Enter your code" intro={recovery ? 'Type one of the recovery codes you saved when you set up two-step sign-in. Each works once.' : 'Open your authenticator app and type the 6-digit code for this network.'}>
      <ErrorBanner error={error} />
      <form onSubmit={submit} className="form" noValidate>
        <TextField
          label={recovery ? 'Recovery code' : 'Code from your app'}
          inputMode={recovery ? 'text' : 'numeric'}
          autoComplete="one-time-code"
          required
          value={code}
          onValue={setCode}
          autoFocus
        />
        <button type="submit" className="button button--primary button--block" disabled={busy || !code}>
          {busy ? 'Checking…' : 'Continue'}
        </button>
      </form>
      <div className="auth__links">
        <button type="button" className="button button--link" onClick={() => setRecovery((r) => !r)}>
          {recovery ? 'Use a code from my app' : 'I lost my phone: use a recovery code'}
        </button>
        <button type="button" className="button button--link" onClick={() => void signOut()}>
          Use a different account
        </button>
      </div>
    </AuthCard>
  );
}
