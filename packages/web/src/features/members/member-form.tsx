/** Add or change a member (an organisation in the network). */
import { useState, type FormEvent } from 'react';
import { registryApi, type MemberInput } from '../../api/registry.ts';
import { MEMBER_KINDS, type Member } from '../../api/types.ts';
import { ErrorBanner } from '../../ui/feedback.tsx';
import { SelectField, TextField, optionsOf } from '../../ui/field.tsx';
import { useSubmit } from '../../ui/use-submit.ts';

export const KIND_LABEL: Record<string, string> = {
  business: 'Business',
  resident: 'Resident',
  agency: 'Agency (police, city)',
  vendor: 'Security vendor',
  network_admin: 'Network admin',
};

export function MemberForm({ member, onSaved, onCancel }: { member?: Member; onSaved: (m: Member) => void; onCancel: () => void }) {
  const [form, setForm] = useState<MemberInput>({ name: member?.name ?? '', kind: member?.kind ?? 'business', contactEmail: member?.contactEmail ?? '' });
  const save = useSubmit((input: MemberInput) => (member ? registryApi.updateMember(member.id, input) : registryApi.createMember(input)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const input = { ...form, contactEmail: form.contactEmail?.trim() || undefined };
    const saved = await save.run(input);
    if (saved) onSaved(saved);
  };

  return (
    <form className="panel form" onSubmit={submit} noValidate aria-labelledby="member-form-title">
      <h2 id="member-form-title">{member ? `Change ${member.name}` : 'Add a member'}</h2>
      <ErrorBanner error={save.error} />
      <div className="form-grid">
        <TextField label="Name" required value={form.name} onValue={(name) => setForm({ ...form, name })} error={save.fieldErrors.name} />
        <SelectField
          label="Kind"
          value={form.kind}
          options={optionsOf(MEMBER_KINDS, (k) => KIND_LABEL[k] ?? k)}
          onValue={(kind) => setForm({ ...form, kind: kind as MemberInput['kind'] })}
          error={save.fieldErrors.kind}
        />
        <TextField
          label="Contact email"
          type="email"
          value={form.contactEmail ?? ''}
          onValue={(contactEmail) => setForm({ ...form, contactEmail })}
          error={save.fieldErrors.contactEmail}
        />
      </div>
      <div className="row">
        <button type="submit" className="button button--primary" disabled={save.busy}>
          {save.busy ? 'Saving…' : member ? 'Save changes' : 'Add member'}
        </button>
        <button type="button" className="button button--ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
