/** Add or change a camera: where it is, which way it points, how it is shared. */
import { useState, type FormEvent } from 'react';
import { registryApi } from '../../api/registry.ts';
import { MOUNT_TYPES, type Camera, type CameraInput, type Site } from '../../api/types.ts';
import { ErrorBanner } from '../../ui/feedback.tsx';
import { SelectField, TextField, optionsOf } from '../../ui/field.tsx';
import { numText, toNumber } from '../../ui/numbers.ts';
import { useSubmit } from '../../ui/use-submit.ts';
import { SHARING_CHOICES } from './sharing.ts';

interface Props {
  camera?: Camera;
  sites: Site[];
  maxRetentionDays: number;
  onSaved: (c: Camera) => void;
  onCancel: () => void;
}

function initial(camera: Camera | undefined, maxRetention: number) {
  return {
    siteId: camera?.siteId ?? '',
    name: camera?.name ?? '',
    lat: numText(camera?.lat),
    lon: numText(camera?.lon),
    headingDeg: numText(camera?.headingDeg ?? 0),
    fovDeg: numText(camera?.fovDeg ?? 90),
    rangeM: numText(camera?.rangeM ?? 40),
    mountType: camera?.mountType ?? 'wall',
    sharingMode: camera?.sharingMode ?? 'none',
    retentionDays: numText(camera?.retentionDays ?? maxRetention),
    streamUrl: '',
    publicViewAttested: camera?.publicViewAttested ?? false,
  };
}

export function CameraForm({ camera, sites, maxRetentionDays, onSaved, onCancel }: Props) {
  const [form, setForm] = useState(() => initial(camera, maxRetentionDays));
  const save = useSubmit((input: CameraInput) => (camera ? registryApi.updateCamera(camera.id, input) : registryApi.createCamera(input)));
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const err = save.fieldErrors;

  const chooseSite = (siteId: string) => {
    const site = sites.find((s) => s.id === siteId);
    // A new camera starts at its site's position; the installer nudges it to the real mount point.
    setForm((f) => ({ ...f, siteId, lat: f.lat || numText(site?.lat), lon: f.lon || numText(site?.lon) }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const input = {
      siteId: form.siteId,
      name: form.name,
      lat: toNumber(form.lat),
      lon: toNumber(form.lon),
      headingDeg: toNumber(form.headingDeg),
      fovDeg: toNumber(form.fovDeg),
      rangeM: toNumber(form.rangeM),
      mountType: form.mountType,
      sharingMode: form.sharingMode,
      retentionDays: toNumber(form.retentionDays),
      publicViewAttested: form.publicViewAttested,
      ...(form.streamUrl.trim() ? { streamUrl: form.streamUrl.trim() } : {}),
    } as CameraInput;
    const saved = await save.run(input);
    if (saved) onSaved(saved);
  };

  return (
    <form className="panel form" onSubmit={submit} noValidate aria-labelledby="camera-form-title">
      <h2 id="camera-form-title">{camera ? `Change ${camera.name}` : 'Add a camera'}</h2>
      <ErrorBanner error={save.error} />
      <div className="form-grid">
        <SelectField
          label="Site"
          value={form.siteId}
          options={[{ value: '', label: 'Choose a site…' }, ...sites.map((s) => ({ value: s.id, label: s.name }))]}
          onValue={chooseSite}
          error={err.siteId}
        />
        <TextField label="Camera name" required value={form.name} onValue={set('name')} error={err.name} />
        <TextField label="Latitude" inputMode="decimal" value={form.lat} onValue={set('lat')} error={err.lat} />
        <TextField label="Longitude" inputMode="decimal" value={form.lon} onValue={set('lon')} error={err.lon} />
        <TextField label="Heading (degrees from north)" inputMode="decimal" value={form.headingDeg} onValue={set('headingDeg')} error={err.headingDeg} />
        <TextField label="Field of view (degrees)" inputMode="decimal" value={form.fovDeg} onValue={set('fovDeg')} error={err.fovDeg} />
        <TextField label="Range (metres)" inputMode="decimal" value={form.rangeM} onValue={set('rangeM')} error={err.rangeM} />
        <SelectField label="Mount" value={form.mountType} options={optionsOf(MOUNT_TYPES)} onValue={set('mountType')} error={err.mountType} />
        <SelectField
          label="Sharing"
          value={form.sharingMode}
          options={SHARING_CHOICES.map((c) => ({ value: c.value, label: c.label }))}
          onValue={set('sharingMode')}
          error={err.sharingMode}
        />
        <TextField
          label="Keep video for (days)"
          inputMode="numeric"
          value={form.retentionDays}
          onValue={set('retentionDays')}
          error={err.retentionDays}
          hint={`At most ${maxRetentionDays} days in this network.`}
        />
        <TextField
          label="Stream URL"
          type="password"
          autoComplete="off"
          value={form.streamUrl}
          onValue={set('streamUrl')}
          error={err.streamUrl}
          hint={camera?.hasStreamUrl ? 'A stream URL is stored. Leave empty to keep it.' : 'rtsp://… Stored encrypted; never shown again.'}
        />
      </div>
      <label className="check">
        <input type="checkbox" checked={form.publicViewAttested} onChange={(e) => setForm((f) => ({ ...f, publicViewAttested: e.target.checked }))} />
        The owner confirms this camera sees only public space (street, pavement), not inside homes or private yards.
      </label>
      <div className="row">
        <button type="submit" className="button button--primary" disabled={save.busy}>
          {save.busy ? 'Saving…' : camera ? 'Save changes' : 'Add camera'}
        </button>
        <button type="button" className="button button--ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
