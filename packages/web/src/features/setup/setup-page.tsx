/** First run: the one-time link printed by `camnet up` creates the first admin account. */
import { useEffect, useState, type FormEvent } from 'react';
import { authApi } from '../../api/auth.ts';
import { isApiError } from '../../api/http.ts';
import { useLocation } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { ErrorBanner, Loading, Notice } from '../../ui/feedback.tsx';
import { TextField } from '../../ui/field.tsx';
import { AuthCard } from '../sign-in/auth-card.tsx';

export function SetupPage() {
  const { search } = useLocation();
  const token = search.get('token') ?? '';
  const { setSession } = useSession();
  const [needsSetup, setNeedsSetup] = useState<boolean | null>(null);
  const [form, setForm] = useState({ name: '', email: '', password: '', confirm: '' });
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    authApi.setupStatus().then((s) => setNeedsSetup(s.needsSetup), setError);
  }, []);

  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (form.password !== form.confirm) {
      setFieldErrors({ confirm: 'The two passwords are different.' });
      return;
    }
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      setSession(await authApi.setup({ token, email: form.email, name: form.name, password: form.password }));
    } catch (err) {
      setError(err);
      if (isApiError(err)) setFieldErrors(err.fieldErrors());
      setBusy(false);
    }
  };

  if (needsSetup === null && !error) return <Loading what="set-up" />;
  if (needsSetup === false) {
    return (
      <AuthCard title="Already set up">
        <Notice>This network already has an admin. <a href="/">Sign in</a> instead.</Notice>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Set up camnet" intro="Create the first admin account. Next you will set up two-step sign-in with an authenticator app.">
      {!token && <Notice tone="warning">This page needs the set-up link that camnet printed when it first started.</Notice>}
      <ErrorBanner error={error} />
      <form onSubmit={submit} className="form" noValidate>
        <TextField label="Your name" autoComplete="name" required value={form.name} onValue={set('name')} error={fieldErrors.name} />
        <TextField label="Email" type="email" autoComplete="username" required value={form.email} onValue={set('email')} error={fieldErrors.email} />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 12 characters."
          value={form.password}
          onValue={set('password')}
          error={fieldErrors.password}
        />
        <TextField label="Password again" type="password" autoComplete="new-password" required value={form.confirm} onValue={set('confirm')} error={fieldErrors.confirm} />
        <button type="submit" className="button button--primary button--block" disabled={busy || !token}>
          {busy ? 'Creating…' : 'Create admin account'}
        </button>
      </form>
    </AuthCard>
  );
}
