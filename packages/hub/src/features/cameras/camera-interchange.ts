import { invalid } from '@camnet/core';
import type { Camera } from './camera.ts';

/** Columns of the CSV form, in order; GeoJSON properties use the same names. */
export const CAMERA_COLUMNS = ['name', 'siteId', 'lat', 'lon', 'headingDeg', 'fovDeg', 'rangeM', 'mountType', 'sharingMode', 'retentionDays', 'publicViewAttested', 'maskMode'] as const;
const NUMERIC = new Set(['lat', 'lon', 'headingDeg', 'fovDeg', 'rangeM', 'retentionDays']);

/** One row to import: its line in the file (CSV) or feature number (GeoJSON), and raw fields. */
export interface ImportRow {
  line: number;
  input: Record<string, unknown>;
}

/** Splits RFC 4180 CSV into records with the line each starts on; quoted fields may hold commas, quotes and newlines. */
export function parseCsv(text: string): { line: number; fields: string[] }[] {
  const out: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== '') out.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else { if (ch === '\n') line++; field += ch; }
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') { fields.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += ch;
  }
  if (quoted) throw invalid('csv_unterminated_quote', `A quoted field that starts on line ${recordLine} never ends.`, { line: recordLine });
  if (field !== '' || fields.length > 0) endRecord();
  return out;
}

const camel = (h: string) => h.trim().replace(/^\uFEFF/, '').replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function coerce(key: string, value: string): unknown {
  const v = value.trim();
  if (v === '') return undefined;
  if (NUMERIC.has(key)) return Number.isFinite(Number(v)) ? Number(v) : v;
  if (key === 'publicViewAttested') return /^(true|yes|1)$/i.test(v) ? true : /^(false|no|0)$/i.test(v) ? false : v;
  return v;
}

/** CSV text → rows keyed by camelCase header; unknown columns are refused so typos are not silently lost. */
export function camerasFromCsv(text: string): ImportRow[] {
  const records = parseCsv(text);
  const header = records.shift();
  if (!header) throw invalid('import_empty', 'The file has no header row.');
  const keys = header.fields.map(camel);
  const allowed = new Set<string>([...CAMERA_COLUMNS, 'streamUrl']);
  const unknown = keys.filter((k) => !allowed.has(k));
  if (unknown.length) throw invalid('import_unknown_columns', `Unknown column(s): ${unknown.join(', ')}. Expected: ${[...allowed].join(', ')}.`, { line: 1 });
  return records.map((r) => ({
    line: r.line,
    input: Object.fromEntries(keys.map((k, i) => [k, coerce(k, r.fields[i] ?? '')]).filter(([, v]) => v !== undefined)),
  }));
}

/** A GeoJSON FeatureCollection of Points ([lon, lat], RFC 7946) → rows numbered by feature (1-based). */
export function camerasFromGeoJson(text: string): ImportRow[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw invalid('import_not_json', `The file is not valid JSON: ${(e as Error).message}`);
  }
  const fc = doc as { type?: string; features?: unknown[] };
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw invalid('import_not_feature_collection', 'Expected a GeoJSON FeatureCollection.');
  return fc.features.map((f, i) => {
    const feat = f as { geometry?: { type?: string; coordinates?: unknown[] }; properties?: Record<string, unknown> };
    const coords = feat.geometry?.type === 'Point' ? feat.geometry.coordinates : undefined;
    const [lon, lat] = Array.isArray(coords) ? coords : [undefined, undefined];
    return { line: i + 1, input: { ...(feat.properties ?? {}), lat, lon } };
  });
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Cameras as CSV (the import format; stream URLs are never exported). */
export function camerasToCsv(cameras: Camera[]): string {
  const lines = [['id', ...CAMERA_COLUMNS, 'status'].join(',')];
  for (const c of cameras) lines.push([c.id, ...CAMERA_COLUMNS.map((k) => c[k]), c.status].map(csvCell).join(','));
  return lines.join('\n') + '\n';
}

/** Cameras as a GeoJSON FeatureCollection of Points. */
export function camerasToGeoJson(cameras: Camera[]) {
  return {
    type: 'FeatureCollection' as const,
    features: cameras.map((c) => ({
      type: 'Feature' as const,
      id: c.id,
      geometry: { type: 'Point' as const, coordinates: [c.lon, c.lat] },
      properties: { id: c.id, ...Object.fromEntries(CAMERA_COLUMNS.filter((k) => k !== 'lat' && k !== 'lon').map((k) => [k, c[k]])), status: c.status },
    })),
  };
}
