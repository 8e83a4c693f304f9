/**
 * The natural-language box: "red pickup near Gravois and Chippewa last night after 9" → the same
 * filters the form builds, plus chips to show (and edit) before anything runs. Rules only, pure,
 * no network: colours, types, plates, directions, times and places from the registry's streets.
 */
import type { Colour, VehicleType } from '@camnet/core';
import { DIRECTIONS } from './search.schemas.ts';
import type { SearchFilters } from './search.schemas.ts';

/** What the parser knows: now, the viewer's UTC offset, and street names from the registry's addresses. */
export interface ParseContext {
  now: number;
  utcOffsetMinutes: number;
  streets: readonly string[];
}

/** One understood piece, shown as an editable chip. */
export interface SearchChip {
  field: 'colour' | 'type' | 'plate' | 'direction' | 'time' | 'place';
  label: string;
  text: string;
}

/** The parse: filters (same shape as the search body), chips, and the words it did not understand. */
export interface ParsedSearch {
  filters: Partial<SearchFilters>;
  chips: SearchChip[];
  unparsed: string[];
}

const COLOUR_WORDS: Record<string, Colour> = {
  white: 'white', black: 'black', gray: 'gray', grey: 'gray', silver: 'silver', red: 'red', maroon: 'red', blue: 'blue', navy: 'blue',
  green: 'green', yellow: 'yellow', orange: 'orange', brown: 'brown', tan: 'beige', beige: 'beige', gold: 'gold', purple: 'purple',
};
const TYPE_WORDS: Record<string, VehicleType> = {
  car: 'car', sedan: 'car', coupe: 'car', hatchback: 'car', suv: 'suv', crossover: 'suv', pickup: 'pickup', 'pick-up': 'pickup',
  van: 'van', minivan: 'van', truck: 'truck', lorry: 'truck', bus: 'bus', motorcycle: 'motorcycle', motorbike: 'motorcycle', bicycle: 'bicycle', bike: 'bicycle',
};
const DIRECTION_WORDS: Record<string, (typeof DIRECTIONS)[number]> = {
  northbound: 'north', southbound: 'south', eastbound: 'east', westbound: 'west',
};
const PARTS_OF_DAY = { morning: [5, 12], afternoon: [12, 18], evening: [18, 24] } as const;
const H = 3_600_000;
const D = 24 * H;
const PLACE_STOP = /\b(last|after|before|between|today|yesterday|tonight|this|since|past|from|heading|going|plate|northbound|southbound|eastbound|westbound)\b/i;

/** Local midnight (as UTC ms) of the day `daysAgo` before now, in the viewer's offset. */
function localMidnight(ctx: ParseContext, daysAgo: number): number {
  const off = ctx.utcOffsetMinutes * 60_000;
  return Math.floor((ctx.now + off) / D) * D - off - daysAgo * D;
}

function hourOf(text: string, evening: boolean): number | null {
  const m = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$/i.exec(text.trim());
  if (!m) return null;
  let h = Number(m[1]) + Number(m[2] ?? 0) / 60;
  const ap = m[3]?.toLowerCase().replace(/\./g, '');
  if (ap === 'pm' && h < 12) h += 12;
  if (ap === 'am' && h >= 12) h -= 12;
  if (!ap && evening && h < 12) h += 12;
  return h > 24 ? null : h;
}

/** Times: a day phrase (last night, today, yesterday, this morning, last 3 hours) narrowed by after/before/between. */
function parseTime(text: string, ctx: ParseContext, chips: SearchChip[]): { time?: SearchFilters['time']; rest: string } {
  let rest = text;
  let from: number | null = null;
  let to: number | null = null;
  let evening = false;
  let base = localMidnight(ctx, 0);
  const take = (re: RegExp, fn: (m: RegExpExecArray) => void) => {
    const m = re.exec(rest);
    if (m) { fn(m); rest = rest.replace(m[0], ' '); }
    return !!m;
  };
  let rel: string | undefined;
  take(/\b(?:last|past)\s+(\d+)\s*(minutes?|mins?|hours?|hrs?|days?)\b/i, (m) => { rel = `${m[1]}${m[2]![0]!.toLowerCase() === 'm' ? 'm' : m[2]![0]!.toLowerCase()}`; chips.push({ field: 'time', label: `last ${m[1]} ${m[2]}`, text: m[0] }); });
  take(/\blast night\b|\btonight\b/i, (m) => {
    const yesterday = /last/i.test(m[0]);
    base = localMidnight(ctx, yesterday ? 1 : 0); evening = true; from = base + 18 * H; to = yesterday ? base + D + 6 * H : ctx.now;
    chips.push({ field: 'time', label: m[0].toLowerCase(), text: m[0] });
  });
  take(/\bthis (morning|afternoon|evening)\b/i, (m) => {
    const [a, b] = PARTS_OF_DAY[m[1]!.toLowerCase() as keyof typeof PARTS_OF_DAY];
    evening = m[1]!.toLowerCase() !== 'morning'; from = base + a * H; to = Math.min(ctx.now, base + b * H);
    chips.push({ field: 'time', label: m[0].toLowerCase(), text: m[0] });
  });
  take(/\b(today|yesterday)\b/i, (m) => {
    base = localMidnight(ctx, m[1]!.toLowerCase() === 'yesterday' ? 1 : 0); from = base; to = Math.min(ctx.now, base + D);
    chips.push({ field: 'time', label: m[1]!.toLowerCase(), text: m[0] });
  });
  const clock = '(\\d{1,2}(?::\\d{2})?\\s*(?:am|pm|a\\.m\\.|p\\.m\\.)?)';
  take(new RegExp(`\\bbetween\\s+${clock}\\s+and\\s+${clock}`, 'i'), (m) => {
    const pm = /p\.?m/i.test(m[2]!) && !/a\.?m/i.test(m[1]!);
    const a = hourOf(m[1]! + (pm && !/[ap]\.?m/i.test(m[1]!) ? 'pm' : ''), evening);
    const b = hourOf(m[2]!, evening);
    if (a !== null && b !== null) { from = base + a * H; to = base + b * H + (b <= a ? D : 0); chips.push({ field: 'time', label: m[0].toLowerCase(), text: m[0] }); }
  });
  take(new RegExp(`\\b(after|since)\\s+${clock}`, 'i'), (m) => {
    const h = hourOf(m[2]!, evening);
    if (h !== null) { from = base + h * H; to ??= ctx.now; if (from > ctx.now) { from -= D; } chips.push({ field: 'time', label: m[0].toLowerCase(), text: m[0] }); }
  });
  take(new RegExp(`\\bbefore\\s+${clock}`, 'i'), (m) => {
    const h = hourOf(m[1]!, evening);
    if (h !== null) { to = base + h * H + (evening && h < 12 ? D : 0); from ??= base; chips.push({ field: 'time', label: m[0].toLowerCase(), text: m[0] }); }
  });
  if (rel) return { time: { last: rel }, rest };
  if (from === null) return { rest };
  return { time: { from: new Date(from).toISOString(), to: new Date(Math.max(to ?? ctx.now, from + 60_000)).toISOString() }, rest };
}

/** A place: "near/at/on <street> [and|& <street>]" when the registry knows the first street. */
function parsePlace(text: string, ctx: ParseContext, chips: SearchChip[]): { place?: SearchFilters['place']; rest: string } {
  const m = /\b(near|at|on|around|by)\s+(.+)$/i.exec(text);
  if (!m) return { rest: text };
  const stop = PLACE_STOP.exec(m[2]!);
  const phrase = (stop ? m[2]!.slice(0, stop.index) : m[2]!).trim().replace(/[,.]+$/, '');
  const known = (s: string) => ctx.streets.some((st) => st.toLowerCase().includes(s.trim().toLowerCase().split(/\s+/)[0]!));
  const streets = phrase.split(/\s*(?:&|\band\b|\/)\s*/i).filter(Boolean);
  if (!phrase || !streets.every(known)) return { rest: text };
  const address = streets.join(' & ');
  chips.push({ field: 'place', label: `near ${address}`, text: `${m[1]} ${phrase}` });
  return { place: { address, radiusM: 150 }, rest: text.replace(`${m[1]} ${phrase}`, ' ') };
}

/** Parses free text into search filters and chips. Pure; unknown words come back in `unparsed`. */
export function parseSearchText(text: string, ctx: ParseContext): ParsedSearch {
  const chips: SearchChip[] = [];
  const filters: Partial<SearchFilters> = {};
  const t = parseTime(text, ctx, chips);
  if (t.time) filters.time = t.time;
  const p = parsePlace(t.rest, ctx, chips);
  if (p.place) filters.place = p.place;
  const unparsed: string[] = [];
  const words = p.rest.replace(/\bpick[- ]up\b/gi, 'pickup').split(/[\s,]+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const raw = words[i]!;
    const w = raw.toLowerCase();
    if (COLOUR_WORDS[w]) { (filters.colours ??= []).push(COLOUR_WORDS[w]!); chips.push({ field: 'colour', label: COLOUR_WORDS[w]!, text: raw }); continue; }
    if (TYPE_WORDS[w]) { (filters.types ??= []).push(TYPE_WORDS[w]!); chips.push({ field: 'type', label: TYPE_WORDS[w]!, text: raw }); continue; }
    if (DIRECTION_WORDS[w]) { filters.direction = DIRECTION_WORDS[w]; chips.push({ field: 'direction', label: `heading ${DIRECTION_WORDS[w]}`, text: raw }); continue; }
    if ((w === 'heading' || w === 'going') && (DIRECTIONS as readonly string[]).includes(words[i + 1]?.toLowerCase() ?? '')) {
      filters.direction = words[++i]!.toLowerCase() as (typeof DIRECTIONS)[number];
      chips.push({ field: 'direction', label: `heading ${filters.direction}`, text: `${raw} ${words[i]}` });
      continue;
    }
    const plateText = w === 'plate' || w === 'tag' ? words[++i] : /^(?=.*\d)(?=.*[a-z?*])[a-z0-9?*-]{4,9}$/i.test(raw) || /[?*]/.test(raw) ? raw : undefined;
    if (plateText) { filters.plate = { text: plateText.toUpperCase(), fuzzy: !/[?*]/.test(plateText) }; chips.push({ field: 'plate', label: `plate ${plateText.toUpperCase()}`, text: plateText }); continue; }
    if (!/^(a|an|the|vehicle|in|with|and|of|seen|around)$/i.test(w)) unparsed.push(raw);
  }
  if (filters.colours) filters.colours = [...new Set(filters.colours)];
  if (filters.types) filters.types = [...new Set(filters.types)];
  return { filters, chips, unparsed };
}
