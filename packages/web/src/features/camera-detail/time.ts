/** Relative times and a ticking clock for the health and recording pages. */

/** A duration in words: "20 s", "4 min 10 s", "2 h 5 min". */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  const m = Math.round(s / 60);
  return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
}

/** Clock time with seconds, local: "14:05:09". */
export const clock = (t: number | string) => new Date(t).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** Date and time with seconds, local. */
export const stamp = (t: number | string) =>
  new Date(t).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** How fresh a "last seen" is: fresh under a minute, stale under five, old beyond (or never). */
export function staleness(iso: string | null | undefined, now: number): 'fresh' | 'stale' | 'old' {
  if (!iso) return 'old';
  const age = now - Date.parse(iso);
  return age < 60_000 ? 'fresh' : age < 300_000 ? 'stale' : 'old';
}
