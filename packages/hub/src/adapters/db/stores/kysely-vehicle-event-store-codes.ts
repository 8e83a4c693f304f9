import type { Colour, VehicleEventSource, VehicleType } from '@camnet/core';
import type { StoredVehicleEvent } from '../../../features/vehicle-events/vehicle-event.store.ts';
import type { VehicleEventRow } from '../schema.ts';

// Stored integer codes: append only, never reorder (rows on disk depend on the positions).
const TYPE_CODES: readonly VehicleType[] = ['car', 'suv', 'pickup', 'van', 'truck', 'bus', 'motorcycle', 'bicycle', 'unknown'];
const COLOUR_CODES: readonly (Colour | null)[] = [null, 'white', 'black', 'gray', 'silver', 'red', 'blue', 'green', 'yellow', 'orange', 'brown', 'beige', 'gold', 'purple'];
const SOURCE_CODES: readonly VehicleEventSource[] = ['edge', 'camera-ai', 'import'];
// Facets pack colour and type into 4 bits each (kysely-vehicle-event-store-search.ts).
if (TYPE_CODES.length > 16 || COLOUR_CODES.length > 16) throw new Error('colour and type codes must stay below 16');

/** Event ids are `startedMs * ID_SLOTS + slot`: time-ordered, unique within a millisecond. */
export const ID_SLOTS = 1000;

function codeOf<T>(table: readonly T[], value: T, what: string): number {
  const i = table.indexOf(value);
  if (i < 0) throw new Error(`no stored code for ${what} ${String(value)}`);
  return i;
}

export const typeCode = (t: VehicleType): number => codeOf(TYPE_CODES, t, 'type');
export const colourCode = (c: Colour | null): number => codeOf(COLOUR_CODES, c, 'colour');
export const sourceCode = (s: VehicleEventSource): number => codeOf(SOURCE_CODES, s, 'source');
export const typeOfCode = (n: number): VehicleType => TYPE_CODES[n] ?? 'unknown';
export const colourOfCode = (n: number): Colour | null => COLOUR_CODES[n] ?? null;
/** Every type code, for index seeks when a query names colours but no type. */
export const ALL_TYPE_CODES: readonly number[] = TYPE_CODES.map((_, i) => i);
/** Every colour code (including none), for index seeks when a query names types but no colour. */
export const ALL_COLOUR_CODES: readonly number[] = COLOUR_CODES.map((_, i) => i);

/** The first id of a millisecond (inclusive range bounds for time filters). */
export const idAt = (ms: number): number => ms * ID_SLOTS;
export const msOfId = (id: number): number => Math.floor(id / ID_SLOTS);

/** The preferred slot of an event in its millisecond: a hash of (edge key, local id). */
export function preferredSlot(edgeKey: number, localId: string): number {
  let h = 0x811c9dc5 ^ edgeKey;
  for (let i = 0; i < localId.length; i++) h = Math.imul(h ^ localId.charCodeAt(i), 0x01000193);
  return (h >>> 0) % ID_SLOTS;
}

/** The next id to probe after a slot collision: wraps inside the same millisecond. */
export function nextSlotId(id: number): number {
  const ms = msOfId(id);
  return idAt(ms) + ((id - idAt(ms) + 1) % ID_SLOTS);
}

type PlateRead = { chars: { c: string; confidence: number }[]; alternates: { text: string; confidence: number }[] };

const CONF_DIGITS = 36;
const conf2 = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * 1000).toString(CONF_DIGITS).padStart(2, '0');
const unconf2 = (s: string) => parseInt(s, CONF_DIGITS) / 1000;
const PLAIN = /^[A-Z0-9]+$/;

/**
 * Per-character confidences and alternates in a compact text: `~` + each character followed by its confidence in
 * two base-36 digits (thousandths), then `|` and `TEXT:cc` alternates joined by `,`. A plated event's row shrinks
 * from ~290 to ~100 bytes (the JSON form was two thirds of it), which is fewer pages per ingest and per plate search.
 * Confidences are kept to 0.001. Anything that is not plain A–Z/0–9 is stored as JSON, which is also how older rows read.
 */
export function encodePlateRead(read: PlateRead): string {
  const plain = read.chars.every((c) => c.c.length === 1 && PLAIN.test(c.c)) && read.alternates.every((a) => PLAIN.test(a.text));
  if (!plain) return JSON.stringify(read);
  return `~${read.chars.map((c) => c.c + conf2(c.confidence)).join('')}|${read.alternates.map((a) => `${a.text}:${conf2(a.confidence)}`).join(',')}`;
}

export function decodePlateRead(text: string): PlateRead {
  if (!text.startsWith('~')) return JSON.parse(text) as PlateRead;
  const [chars = '', alternates = ''] = text.slice(1).split('|');
  const out: PlateRead = { chars: [], alternates: [] };
  for (let i = 0; i + 3 <= chars.length; i += 3) out.chars.push({ c: chars[i]!, confidence: unconf2(chars.slice(i + 1, i + 3)) });
  for (const a of alternates ? alternates.split(',') : []) {
    const [t = '', c = '0'] = a.split(':');
    out.alternates.push({ text: t, confidence: unconf2(c) });
  }
  return out;
}

/** A stored row back to the domain form; `refOf` turns camera and edge keys into ids. */
export function toStoredEvent(r: VehicleEventRow, refOf: (key: number) => string, hasThumbnail = false): StoredVehicleEvent {
  const id = Number(r.id);
  const plateRead = r.plate_read ? decodePlateRead(r.plate_read) : null;
  return {
    id, localId: r.local_id, edgeId: refOf(Number(r.edge_key)), cameraId: refOf(Number(r.camera_key)),
    startedAt: new Date(msOfId(id)).toISOString(), endedAt: new Date(Number(r.ended_ms)).toISOString(), receivedAt: new Date(Number(r.received_ms)).toISOString(),
    type: typeOfCode(r.type_code), colour: colourOfCode(r.colour_code), colourConfidence: Number(r.colour_conf), colourAlt: colourOfCode(r.colour_alt_code),
    plate: r.plate === null ? null : { text: r.plate, confidence: Number(r.plate_conf), chars: plateRead?.chars ?? [], alternates: plateRead?.alternates ?? [] },
    direction: r.direction === null ? null : Number(r.direction),
    box: JSON.parse(r.box) as StoredVehicleEvent['box'],
    source: SOURCE_CODES[r.source_code] ?? 'edge',
    hasThumbnail,
  };
}

/** The columns a search reads, in insert order. */
export const EVENT_COLUMNS = ['id', 'edge_key', 'local_id', 'camera_key', 'ended_ms', 'received_ms', 'type_code', 'colour_code', 'colour_conf', 'colour_alt_code', 'plate', 'plate_conf', 'plate_read', 'direction', 'box', 'source_code'] as const;
