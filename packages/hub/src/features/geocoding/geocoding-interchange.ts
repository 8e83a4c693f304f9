/** Reads address points and intersections from OpenAddresses-layout CSV and from GeoJSON, with per-line errors. */
import { parseCsv } from '../cameras/camera-interchange.ts';

/** One parsed row before ids and normalisation: an address point or an intersection. */
export type GeocodingRow =
  | { kind: 'address'; line: number; lat: number; lon: number; number: number; street: string; unit: string | null; city: string | null; postcode: string | null }
  | { kind: 'intersection'; line: number; lat: number; lon: number; streets: [string, string] };

/** Rows and the lines that could not be read. */
export interface ParsedGeocodingFile {
  rows: GeocodingRow[];
  errors: { line: number; id: string; message: string }[];
}

const validLatLon = (lat: number, lon: number) => Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
const orNull = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

/**
 * OpenAddresses CSV: LON,LAT,NUMBER,STREET,UNIT,CITY,DISTRICT,REGION,POSTCODE,ID,HASH (header names, any case, any order).
 * A file whose header has STREET1 and STREET2 instead is read as intersections (LON,LAT,STREET1,STREET2).
 */
export function geocodingFromCsv(text: string): ParsedGeocodingFile {
  const [head, ...lines] = parseCsv(text);
  const out: ParsedGeocodingFile = { rows: [], errors: [] };
  if (!head) return out;
  const col = new Map(head.fields.map((h, i) => [h.trim().replace(/^\uFEFF/, '').toUpperCase(), i]));
  const get = (f: string[], name: string) => (col.has(name) ? f[col.get(name)!] : undefined);
  if (!col.has('LON') || !col.has('LAT')) {
    out.errors.push({ line: head.line, id: 'geocoding_header_invalid', message: 'The header needs LON and LAT columns (OpenAddresses layout: LON,LAT,NUMBER,STREET,…).' });
    return out;
  }
  const intersections = col.has('STREET1') && col.has('STREET2');
  for (const { line, fields } of lines) {
    if (fields.every((f) => !f.trim())) continue;
    const lat = Number(get(fields, 'LAT'));
    const lon = Number(get(fields, 'LON'));
    if (!validLatLon(lat, lon)) {
      out.errors.push({ line, id: 'position_invalid', message: 'LON/LAT must be numbers within ±180/±90.' });
      continue;
    }
    if (intersections) {
      const a = orNull(get(fields, 'STREET1'));
      const b = orNull(get(fields, 'STREET2'));
      if (!a || !b) out.errors.push({ line, id: 'street_missing', message: 'STREET1 and STREET2 are both needed.' });
      else out.rows.push({ kind: 'intersection', line, lat, lon, streets: [a, b] });
      continue;
    }
    const number = Number.parseInt(get(fields, 'NUMBER') ?? '', 10);
    const street = orNull(get(fields, 'STREET'));
    if (!Number.isFinite(number) || !street) {
      out.errors.push({ line, id: 'address_incomplete', message: 'NUMBER (a house number) and STREET are needed.' });
      continue;
    }
    out.rows.push({ kind: 'address', line, lat, lon, number, street, unit: orNull(get(fields, 'UNIT')), city: orNull(get(fields, 'CITY')), postcode: orNull(get(fields, 'POSTCODE')) });
  }
  return out;
}

type Props = Record<string, unknown>;
const prop = (p: Props, ...names: string[]) => {
  for (const n of names) for (const k of [n, n.toLowerCase(), n.toUpperCase()]) if (p[k] !== undefined && p[k] !== null && String(p[k]).trim()) return String(p[k]).trim();
  return null;
};

/** GeoJSON Point features: properties number+street (address points, OpenAddresses' GeoJSON output) or street1+street2 (intersections). */
export function geocodingFromGeoJson(text: string): ParsedGeocodingFile {
  const out: ParsedGeocodingFile = { rows: [], errors: [] };
  let doc: { features?: { geometry?: { type?: string; coordinates?: number[] }; properties?: Props }[] };
  try {
    doc = JSON.parse(text);
  } catch {
    out.errors.push({ line: 0, id: 'geojson_invalid', message: 'The file is not valid JSON.' });
    return out;
  }
  (doc.features ?? []).forEach((f, i) => {
    const line = i + 1;
    const [lon, lat] = f.geometry?.type === 'Point' ? (f.geometry.coordinates ?? []) : [];
    if (lat === undefined || lon === undefined || !validLatLon(lat, lon)) {
      out.errors.push({ line, id: 'position_invalid', message: `Feature ${line}: needs a Point geometry with [lon, lat].` });
      return;
    }
    const p = f.properties ?? {};
    const [a, b] = [prop(p, 'street1'), prop(p, 'street2')];
    if (a && b) return void out.rows.push({ kind: 'intersection', line, lat, lon, streets: [a, b] });
    const number = Number.parseInt(prop(p, 'number') ?? '', 10);
    const street = prop(p, 'street');
    if (!Number.isFinite(number) || !street) return void out.errors.push({ line, id: 'address_incomplete', message: `Feature ${line}: needs number and street (or street1 and street2).` });
    out.rows.push({ kind: 'address', line, lat, lon, number, street, unit: prop(p, 'unit'), city: prop(p, 'city'), postcode: prop(p, 'postcode') });
  });
  return out;
}
