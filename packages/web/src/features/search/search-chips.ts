/** Filters shown as removable chips: one per colour, type, plate, place, time and direction. */
import type { SearchFilters } from './search-api.ts';

export interface FilterChip { key: string; label: string; remove: (f: SearchFilters) => SearchFilters }

const without = <K extends keyof SearchFilters>(f: SearchFilters, k: K): SearchFilters => {
  const { [k]: _gone, ...rest } = f;
  return rest;
};

const timeLabel = (t: NonNullable<SearchFilters['time']>) =>
  t.last ? `last ${t.last}` : `${t.from ? new Date(t.from).toLocaleString() : '…'} – ${t.to ? new Date(t.to).toLocaleString() : 'now'}`;

function placeLabel(p: NonNullable<SearchFilters['place']>): string {
  if (p.polygon) return 'drawn area';
  if (p.address) return `near ${p.address}`;
  if (p.near) return `within ${p.near.radiusM} m of a point`;
  return `${p.cameraIds?.length ?? 0} camera(s)`;
}

/** The chips for a filter set; each knows how to remove itself. */
export function chipsFor(f: SearchFilters): FilterChip[] {
  const chips: FilterChip[] = [];
  for (const c of f.colours ?? []) chips.push({ key: `colour:${c}`, label: c, remove: (x) => ({ ...x, colours: x.colours?.filter((y) => y !== c) }) });
  for (const t of f.types ?? []) chips.push({ key: `type:${t}`, label: t, remove: (x) => ({ ...x, types: x.types?.filter((y) => y !== t) }) });
  if (f.plate) chips.push({ key: 'plate', label: `plate ${f.plate.text}${f.plate.fuzzy ? ' (fuzzy)' : ''}`, remove: (x) => without(x, 'plate') });
  if (f.place) chips.push({ key: 'place', label: placeLabel(f.place), remove: (x) => without(x, 'place') });
  if (f.time) chips.push({ key: 'time', label: timeLabel(f.time), remove: (x) => without(x, 'time') });
  if (f.direction) chips.push({ key: 'direction', label: `heading ${f.direction}`, remove: (x) => without(x, 'direction') });
  return chips;
}

/** Merges parsed filters into the current ones (parsed values win; lists are unioned). */
export function mergeFilters(a: SearchFilters, b: SearchFilters): SearchFilters {
  const union = (x?: string[], y?: string[]) => (x || y ? [...new Set([...(x ?? []), ...(y ?? [])])] : undefined);
  const merged: SearchFilters = { ...a, ...b };
  const colours = union(a.colours, b.colours);
  const types = union(a.types, b.types);
  if (colours) merged.colours = colours;
  if (types) merged.types = types;
  return merged;
}
