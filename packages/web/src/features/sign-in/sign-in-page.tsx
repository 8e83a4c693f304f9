/** Step one of signing in: email and password. The second step (code) follows from the session's `mfa`. */
import { useState, type FormEvent } from 'react';
import { authApi } from '../../api/auth.ts';
import { isApiError } from '../../api/http.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorBanner, Notice } from '../../ui/feedback.tsx';
import { TextField } from '../../ui/field.tsx';
import { AuthCard } from './auth-card.tsx';

function explain(e: unknown): unknown {
  if (!isApiError(e)) return e;
  if (e.id === 'invalid_credentials') return new Error('That email and password do not match an account.');
  if (e.id === 'account_locked') return new Error('This account is locked after too many attempts. Try again in 10 minutes, or ask an admin.');
  return e;
}

export function SignInPage() {
  const { setSession, ended } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setSession(await authApi.login(email, password));
    } catch (err) {
      setError(explain(err));
      setBusy(false);
    }
  };

  return (
    <AuthCard title="Sign in">
      {ended && !error && <Notice tone="warning">Your session ended, for example after 30 minutes without use. Sign in again to carry on where you were.</Notice>}
      <ErrorBanner error={error} />
      <form onSubmit={submit} className="form" noValidate>
        <TextField label="Email" type="email" autoComplete="username" required value={email} onValue={setEmail} autoFocus />
        <TextField label="Password" type="password" autoComplete="current-password" required value={password} onValue={setPassword} />
        <button type="submit" className="button button--primary button--block" disabled={busy || !email || !password}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </AuthCard>
  );
}
