/** One of my cameras: what it sees, confirming it sees public space only, and how it is shared. */
import { useState } from 'react';
import { registryApi } from '../../api/registry.ts';
import { Link } from '../../app/router.tsx';
import type { Camera, SharingMode } from '../../api/types.ts';
import { ErrorBanner, Notice } from '../../ui/feedback.tsx';
import { StatusBadge, formatTime } from '../../ui/format.tsx';
import { useSubmit } from '../../ui/use-submit.ts';
import { PictureWarning } from '../cameras/picture-check.tsx';
import { SHARING_CHOICES } from '../cameras/sharing.ts';
import { ViewSketch, describeView } from './view-sketch.tsx';

export function CameraCard({ camera, onChange }: { camera: Camera; onChange: (c: Camera) => void }) {
  const [mode, setMode] = useState<SharingMode>(camera.sharingMode);
  const [saved, setSaved] = useState(false);
  const attest = useSubmit(registryApi.attestCamera);
  const share = useSubmit((m: SharingMode) => registryApi.updateCamera(camera.id, { sharingMode: m }));
  const groupName = `sharing-${camera.id}`;

  const confirm = async () => {
    const next = await attest.run(camera.id);
    if (next) onChange(next);
  };
  const saveSharing = async () => {
    const next = await share.run(mode);
    if (next) {
      onChange(next);
      setSaved(true);
    }
  };

  return (
    <article className="card" aria-labelledby={`cam-${camera.id}`}>
      <header className="card__head">
        <h2 id={`cam-${camera.id}`}>{camera.name}</h2>
        <StatusBadge status={camera.status} />
      </header>
      <div className="card__sees">
        <ViewSketch camera={camera} />
        <div>
          <h3>What this camera sees</h3>
          <p>{describeView(camera)}</p>
          <p className="muted small">
            {camera.lastFrameAt ? `Last picture: ${formatTime(camera.lastFrameAt)}.` : 'No picture received yet.'} Video is kept {camera.retentionDays} days, then deleted.
          </p>
          <Link href={`/cameras/${encodeURIComponent(camera.id)}`}>See its live picture and recording</Link>
        </div>
      </div>
      <PictureWarning camera={camera} />

      {!camera.publicViewAttested ? (
        <div className="card__section">
          <h3>Please confirm</h3>
          <p>
            This camera may only look at public space: the street and pavement. It must not look into anyone’s home, windows or private
            garden.
          </p>
          <ErrorBanner error={attest.error} />
          <button type="button" className="button button--primary button--block" disabled={attest.busy} onClick={() => void confirm()}>
            Yes, it sees public space only
          </button>
        </div>
      ) : (
        <p className="card__section small">✓ You confirmed it sees public space only.</p>
      )}

      <fieldset className="card__section">
        <legend>Who may see its video</legend>
        {SHARING_CHOICES.map((c) => (
          <label key={c.value} className="choice">
            <input type="radio" name={groupName} value={c.value} checked={mode === c.value} onChange={() => (setMode(c.value), setSaved(false))} />
            <span>
              <strong>{c.label}</strong>
              <span className="muted small">{c.detail}</span>
            </span>
          </label>
        ))}
        <ErrorBanner error={share.error} />
        {saved && <Notice tone="success">Saved.</Notice>}
        <button type="button" className="button button--secondary button--block" disabled={share.busy || mode === camera.sharingMode} onClick={() => void saveSharing()}>
          {share.busy ? 'Saving…' : 'Save my choice'}
        </button>
      </fieldset>
    </article>
  );
}
