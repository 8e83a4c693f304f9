/** Send a BOLO to patrol from this incident: title, plate, vehicle, description, last seen, an image (optional). */
import { forwardRef, useState, type FormEvent } from 'react';
import { rtccApi, type Bolo, type Incident } from './rtcc-api.ts';

const readImage = (file: File) => new Promise<string>((resolve, reject) => {
  const r = new FileReader();
  r.onload = () => resolve(String(r.result));
  r.onerror = () => reject(new Error('The image could not be read.'));
  r.readAsDataURL(file);
});

export const BoloForm = forwardRef<HTMLInputElement, { incident: Incident; onSent: (b: Bolo) => void }>(function BoloForm({ incident, onSent }, titleRef) {
  const [title, setTitle] = useState('');
  const [plate, setPlate] = useState('');
  const [colour, setColour] = useState('');
  const [vtype, setVtype] = useState('');
  const [make, setMake] = useState('');
  const [description, setDescription] = useState('');
  const [image, setImage] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setStatus('Sending…');
    try {
      const bolo = await rtccApi.sendBolo({
        incidentId: incident.id, title: title.trim(), plate: plate.trim() || undefined, vehicle: { colour: colour || undefined, type: vtype || undefined, make: make || undefined },
        description: description.trim() || undefined, images: image ? [image] : [], lastSeenAt: new Date().toISOString(), lastSeenPlace: incident.address ?? `${incident.lat.toFixed(5)}, ${incident.lon.toFixed(5)}`,
      });
      setStatus('Sent to patrol. Waiting for acknowledgement…');
      setTitle('');
      setPlate('');
      setDescription('');
      setImage(null);
      onSent(bolo);
    } catch (err) {
      setStatus(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <form className="panel stack" onSubmit={submit} aria-label="Send BOLO">
      <h2>Send BOLO to patrol <kbd>b</kbd></h2>
      <label className="field">
        <span className="field__label">What to look for</span>
        <input ref={titleRef} required value={title} onChange={(e) => setTitle(e.target.value)} placeholder="Red pickup, two men" />
      </label>
      <div className="form-row">
        <label className="field"><span className="field__label">Plate</span><input value={plate} onChange={(e) => setPlate(e.target.value.toUpperCase())} /></label>
        <label className="field"><span className="field__label">Colour</span><input value={colour} onChange={(e) => setColour(e.target.value)} /></label>
        <label className="field"><span className="field__label">Vehicle type</span><input value={vtype} onChange={(e) => setVtype(e.target.value)} placeholder="pickup" /></label>
        <label className="field"><span className="field__label">Make</span><input value={make} onChange={(e) => setMake(e.target.value)} /></label>
      </div>
      <label className="field">
        <span className="field__label">Description</span>
        <textarea className="rtcc-text" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <label className="field">
        <span className="field__label">Image (optional)</span>
        <input type="file" accept="image/jpeg,image/png,image/webp" onChange={(e) => { const f = e.target.files?.[0]; if (f) void readImage(f).then(setImage, (er: Error) => setStatus(er.message)); }} />
      </label>
      <button className="button button--primary" disabled={!title.trim()}>Send BOLO</button>
      <p role="status" className="muted small">{status}</p>
    </form>
  );
});
