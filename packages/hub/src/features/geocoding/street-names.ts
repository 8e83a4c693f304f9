/** Street-name normalisation and query parsing for the offline geocoder: case, punctuation, USPS-style abbreviations, optional suffix. */

const ABBREVIATIONS: Readonly<Record<string, string>> = {
  AVENUE: 'AVE', AV: 'AVE', AVN: 'AVE', STREET: 'ST', STR: 'ST', BOULEVARD: 'BLVD', BOUL: 'BLVD', BLV: 'BLVD', ROAD: 'RD',
  DRIVE: 'DR', DRV: 'DR', LANE: 'LN', PLACE: 'PL', COURT: 'CT', TERRACE: 'TER', PARKWAY: 'PKWY', PKY: 'PKWY', HIGHWAY: 'HWY',
  CIRCLE: 'CIR', SQUARE: 'SQ', TRAIL: 'TRL', WAY: 'WAY', EXPRESSWAY: 'EXPY', NORTH: 'N', SOUTH: 'S', EAST: 'E', WEST: 'W',
  SAINT: 'ST', MOUNT: 'MT', FORT: 'FT',
};

/** Street-type suffixes a person may leave out ("Gravois" for "Gravois Ave"). */
const SUFFIXES: ReadonlySet<string> = new Set(['AVE', 'ST', 'BLVD', 'RD', 'DR', 'LN', 'PL', 'CT', 'TER', 'PKWY', 'HWY', 'CIR', 'SQ', 'TRL', 'WAY', 'EXPY']);

/** A normalised street name: `key` with its suffix, `base` without (what look-ups match on). */
export interface StreetName {
  key: string;
  base: string;
  suffix: string | null;
}

/** Normalises "gravois avenue", "Gravois Ave." and "GRAVOIS AV" to key "GRAVOIS AVE", base "GRAVOIS". */
export function normaliseStreet(name: string): StreetName {
  const tokens = name.toUpperCase().replace(/[.,#'’]/g, ' ').replace(/[^A-Z0-9 -]/g, ' ').split(/\s+/).filter(Boolean)
    .map((t) => ABBREVIATIONS[t] ?? t);
  const last = tokens[tokens.length - 1];
  const suffix = tokens.length > 1 && last && SUFFIXES.has(last) ? last : null;
  const baseTokens = suffix ? tokens.slice(0, -1) : tokens;
  return { key: tokens.join(' '), base: baseTokens.join(' '), suffix };
}

/** What a person typed: a house address, an intersection of two streets, or something else. */
export type GeocodeQuery =
  | { kind: 'address'; number: number; street: StreetName; text: string }
  | { kind: 'intersection'; a: StreetName; b: StreetName; text: string }
  | { kind: 'unparsed'; text: string };

const CROSS = /\s*(?:&|@|\/|\+|\band\b|\bat\b)\s*/i;

/** Parses "3500 Gravois Ave, St. Louis MO", "Gravois & Chippewa", "gravois and chippewa st". */
export function parseGeocodeQuery(input: string): GeocodeQuery {
  const text = input.trim().replace(/\s+/g, ' ');
  const parts = text.split(CROSS).filter(Boolean);
  if (parts.length === 2) return { kind: 'intersection', a: normaliseStreet(parts[0]!), b: normaliseStreet(parts[1]!.split(',')[0]!), text };
  const m = /^(\d{1,6})[A-Za-z]?(?:-\d+)?\s+(.+)$/.exec(text.split(',')[0]!.trim());
  if (m && normaliseStreet(m[2]!).base) return { kind: 'address', number: Number(m[1]), street: normaliseStreet(m[2]!), text };
  return { kind: 'unparsed', text };
}

/** Levenshtein distance, bounded: stops early (returns max + 1) once every path exceeds `max`. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, row[j]!);
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length]!;
}
