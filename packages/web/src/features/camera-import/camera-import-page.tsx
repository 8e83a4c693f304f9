/** Bulk import: choose a CSV or GeoJSON file, check it (dry run, per-line errors), then import it all at once. */
import { useState, type ChangeEvent } from 'react';
import { registryApi, type ImportFormat } from '../../api/registry.ts';
import type { ImportResult } from '../../api/types.ts';
import { Link } from '../../app/router.tsx';
import { ErrorBanner, Notice, PageHeader } from '../../ui/feedback.tsx';
import { useSubmit } from '../../ui/use-submit.ts';
import { ImportPreview } from './import-preview.tsx';

function formatOf(name: string, text: string): ImportFormat {
  if (/\.(geo)?json$/i.test(name)) return 'geojson';
  return text.trimStart().startsWith('{') ? 'geojson' : 'csv';
}

export function CameraImportPage() {
  const [file, setFile] = useState<{ name: string; text: string; format: ImportFormat } | null>(null);
  const [checked, setChecked] = useState<ImportResult | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const call = useSubmit((dryRun: boolean) => registryApi.importCameras(file!.text, file!.format, dryRun));

  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    setChecked(null);
    setDone(null);
    call.clear();
    if (!f) return setFile(null);
    const text = await f.text();
    setFile({ name: f.name, text, format: formatOf(f.name, text) });
  };

  const check = async () => setChecked((await call.run(true)) ?? null);
  const confirm = async () => {
    const res = await call.run(false);
    if (res) {
      setDone(res);
      setChecked(null);
    }
  };

  return (
    <>
      <PageHeader
        title="Import cameras"
        intro="Add many cameras at once from a CSV file (a header row, then one camera a line: name, siteId, lat, lon, headingDeg, fovDeg, rangeM, mountType, sharingMode, retentionDays, publicViewAttested) or a GeoJSON file of points with the same properties. Nothing is imported unless every line is correct."
        actions={
          <a className="button button--secondary" href={registryApi.exportUrl('csv')} download>
            Download current cameras as CSV
          </a>
        }
      />
      <div className="panel">
        <h2>1. Choose a file</h2>
        <label className="field">
          <span>CSV or GeoJSON file</span>
          <input type="file" accept=".csv,.geojson,.json,text/csv,application/geo+json" onChange={(e) => void choose(e)} />
        </label>
        {file && (
          <p className="muted small">
            {file.name}: {file.text.split('\n').filter((l) => l.trim()).length} lines, read as {file.format === 'csv' ? 'CSV' : 'GeoJSON'}.
          </p>
        )}
        <h2>2. Check it</h2>
        <button type="button" className="button button--secondary" disabled={!file || call.busy} onClick={() => void check()}>
          {call.busy && !checked ? 'Checking…' : 'Check file (imports nothing)'}
        </button>
      </div>
      <ErrorBanner error={call.error} />
      {checked && <ImportPreview result={checked} busy={call.busy} onConfirm={() => void confirm()} />}
      {done && (
        <Notice tone="success">
          Imported {done.imported} cameras from {done.rows} lines. <Link href="/cameras">See the cameras</Link> or{' '}
          <Link href="/map">the map</Link>.
        </Notice>
      )}
    </>
  );
}
