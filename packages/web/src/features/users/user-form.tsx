/** Add a user to a member with a role and a first password. */
import { useState, type FormEvent } from 'react';
import { adminApi, type UserInput } from '../../api/admin.ts';
import { ROLES, type Member, type User } from '../../api/types.ts';
import { ErrorBanner } from '../../ui/feedback.tsx';
import { SelectField, TextField } from '../../ui/field.tsx';
import { useSubmit } from '../../ui/use-submit.ts';
import { ROLE_LABEL } from './roles.ts';

export function UserForm({ members, onSaved, onCancel }: { members: Member[]; onSaved: (u: User) => void; onCancel: () => void }) {
  const [form, setForm] = useState<UserInput>({ email: '', name: '', role: 'owner', memberId: members[0]?.id ?? '', password: '' });
  const save = useSubmit(adminApi.createUser);
  const set = (k: keyof UserInput) => (v: string) => setForm((f) => ({ ...f, [k]: v }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await save.run(form);
    if (saved) onSaved(saved);
  };

  return (
    <form className="panel form" onSubmit={submit} noValidate aria-labelledby="user-form-title">
      <h2 id="user-form-title">Add a user</h2>
      <ErrorBanner error={save.error} />
      <div className="form-grid">
        <TextField label="Name" required value={form.name} onValue={set('name')} error={save.fieldErrors.name} />
        <TextField label="Email" type="email" required value={form.email} onValue={set('email')} error={save.fieldErrors.email} />
        <SelectField label="Role" value={form.role} options={ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r] }))} onValue={set('role')} error={save.fieldErrors.role} />
        <SelectField
          label="Member"
          value={form.memberId}
          options={[{ value: '', label: 'Choose a member…' }, ...members.map((m) => ({ value: m.id, label: m.name }))]}
          onValue={set('memberId')}
          error={save.fieldErrors.memberId}
        />
        <TextField
          label="First password"
          type="password"
          autoComplete="new-password"
          required
          value={form.password}
          onValue={set('password')}
          error={save.fieldErrors.password}
          hint="Give it to the person privately."
        />
      </div>
      <div className="row">
        <button type="submit" className="button button--primary" disabled={save.busy}>
          {save.busy ? 'Adding…' : 'Add user'}
        </button>
        <button type="button" className="button button--ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
