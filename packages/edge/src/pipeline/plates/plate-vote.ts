import type { PlateReading } from './plate-reader.ts';

/** A plate decided over a track's frames: the winning text, per-character agreement, and the other readings as alternates. */
export interface VotedPlate {
  text: string;
  confidence: number;
  chars: { c: string; confidence: number }[];
  alternates: { text: string; confidence: number }[];
  /** The single reading that best represents the winner (for its crop and box). */
  best: PlateReading;
}

/**
 * Votes across frames: each reading backs its text (and, weakly, its own alternates) with its confidence;
 * characters of the winner are scored by how many same-length readings agree at that place.
 */
export function votePlates(readings: PlateReading[]): VotedPlate | null {
  const usable = readings.filter((r) => r.text.length >= 2);
  if (usable.length === 0) return null;
  const support = new Map<string, number>();
  for (const r of usable) {
    support.set(r.text, (support.get(r.text) ?? 0) + r.confidence);
    for (const a of r.alternates) support.set(a.text, (support.get(a.text) ?? 0) + a.confidence * 0.5);
  }
  // Character-level majority among same-length readings can beat every whole reading (different frames, different slips).
  const byLength = new Map<number, PlateReading[]>();
  for (const r of usable) byLength.set(r.text.length, [...(byLength.get(r.text.length) ?? []), r]);
  for (const group of byLength.values()) {
    if (group.length < 3) continue;
    let agreement = 0;
    const merged = [...group[0]!.text].map((_, i) => {
      const w = new Map<string, number>();
      for (const r of group) w.set(r.text[i]!, (w.get(r.text[i]!) ?? 0) + (r.chars[i]?.confidence ?? r.confidence));
      const [c, weight] = [...w.entries()].sort((a, b) => b[1] - a[1])[0]!;
      agreement += weight;
      return c;
    }).join('');
    // Backed by the mean per-place agreement, discounted so that a whole reading wins a near tie.
    if (!support.has(merged)) support.set(merged, (0.8 * agreement) / merged.length);
  }
  const total = [...support.values()].reduce((a, b) => a + b, 0);
  const ranked = [...support.entries()].sort((a, b) => b[1] - a[1]);
  const [text, weight] = ranked[0]!;
  const same = usable.filter((r) => r.text.length === text.length);
  const chars = [...text].map((c, i) => {
    const agree = same.filter((r) => r.text[i] === c).reduce((s, r) => s + (r.chars[i]?.confidence ?? r.confidence), 0);
    const all = same.reduce((s, r) => s + (r.chars[i]?.confidence ?? r.confidence), 0);
    return { c, confidence: round(all > 0 ? agree / all : 0) };
  });
  const best = usable.filter((r) => r.text === text).sort((a, b) => b.confidence - a.confidence)[0] ?? usable.sort((a, b) => b.confidence - a.confidence)[0]!;
  return {
    text,
    confidence: round(weight / total),
    chars,
    alternates: ranked.slice(1, 6).map(([t, w]) => ({ text: t, confidence: round(w / total) })),
    best,
  };
}

const round = (v: number) => Math.round(v * 1000) / 1000;
