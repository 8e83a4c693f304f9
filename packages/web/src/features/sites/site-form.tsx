/** Add or change a site: an address where cameras (and usually an edge box) are installed. */
import { useState, type FormEvent } from 'react';
import { registryApi, type SiteInput } from '../../api/registry.ts';
import type { Member, Site } from '../../api/types.ts';
import { ErrorBanner } from '../../ui/feedback.tsx';
import { SelectField, TextField } from '../../ui/field.tsx';
import { numText, toNumber } from '../../ui/numbers.ts';
import { useSubmit } from '../../ui/use-submit.ts';

interface Props {
  site?: Site;
  members: Member[];
  onSaved: (s: Site) => void;
  onCancel: () => void;
}

export function SiteForm({ site, members, onSaved, onCancel }: Props) {
  const [form, setForm] = useState({
    memberId: site?.memberId ?? members[0]?.id ?? '',
    name: site?.name ?? '',
    address: site?.address ?? '',
    lat: numText(site?.lat),
    lon: numText(site?.lon),
  });
  const save = useSubmit((input: SiteInput) => (site ? registryApi.updateSite(site.id, input) : registryApi.createSite(input)));
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const input = { ...form, lat: toNumber(form.lat), lon: toNumber(form.lon) } as SiteInput;
    const saved = await save.run(input);
    if (saved) onSaved(saved);
  };

  return (
    <form className="panel form" onSubmit={submit} noValidate aria-labelledby="site-form-title">
      <h2 id="site-form-title">{site ? `Change ${site.name}` : 'Add a site'}</h2>
      <ErrorBanner error={save.error} />
      <div className="form-grid">
        <SelectField
          label="Member"
          value={form.memberId}
          options={[{ value: '', label: 'Choose a member…' }, ...members.map((m) => ({ value: m.id, label: m.name }))]}
          onValue={set('memberId')}
          error={save.fieldErrors.memberId}
        />
        <TextField label="Site name" required value={form.name} onValue={set('name')} error={save.fieldErrors.name} />
        <TextField label="Street address" required value={form.address} onValue={set('address')} error={save.fieldErrors.address} />
        <TextField label="Latitude" inputMode="decimal" required value={form.lat} onValue={set('lat')} error={save.fieldErrors.lat} hint="e.g. 41.8781" />
        <TextField label="Longitude" inputMode="decimal" required value={form.lon} onValue={set('lon')} error={save.fieldErrors.lon} hint="e.g. -87.6298" />
      </div>
      <div className="row">
        <button type="submit" className="button button--primary" disabled={save.busy}>
          {save.busy ? 'Saving…' : site ? 'Save changes' : 'Add site'}
        </button>
        <button type="button" className="button button--ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
