import { ctcLogLikelihood, PLATE_ALPHABET, PLATE_CLASSES, type CtcMatrix } from './ctc-likelihood.ts';
import type { PlateChar, PlateReading } from './plate-reader.ts';
import { votePlates, type VotedPlate } from './plate-vote.ts';
import { applyPlateHabits, plateLikelihood } from './us-plate-grammar.ts';

/** Tuning of the fusion; see `fusePlates`. */
export interface PlateFusionOptions {
  /** Most a single frame can count against a candidate (nats below that frame's own best candidate). */
  frameVetoNats?: number;
  /** Rounds of single-character edits tried from the best candidate. */
  searchRounds?: number;
}

const DEFAULTS: Required<PlateFusionOptions> = { frameVetoNats: 6, searchRounds: 3 };

/** The recogniser's output for one view of a plate line, and what was decoded from it. */
export interface PlateView {
  evidence: CtcMatrix[];
  text: string;
}

/** A fused reading: text, confidence, per-character confidence with the runner-up, and the next plates. */
export interface FusedPlate {
  text: string;
  confidence: number;
  chars: PlateChar[];
  alternates: { text: string; confidence: number }[];
}

/**
 * Reads a plate from the recogniser's output of one or more views (frames, paddings) instead of from decoded strings:
 * candidate texts (`seeds`, the views' own texts, then single-character edits of the best) are scored on every view
 * by CTC likelihood (`ctcLogLikelihood`, all alignments summed), views averaged, plus a US-plate prior; the best
 * wins. Per-character confidence is how much that character beats every other at its place, all views considered.
 */
export function fuseEvidence(views: PlateView[], seeds: Iterable<string>, options: PlateFusionOptions = {}): FusedPlate | null {
  const o = { ...DEFAULTS, ...options };
  const usable = views.filter((v) => v.evidence.length > 0);
  if (usable.length === 0) return null;
  const score = scorer(usable, o.frameVetoNats);
  const pool = new Set<string>([...seeds, ...usable.map((v) => v.text)]);
  const alphabet = seenCharacters(usable.flatMap((v) => v.evidence));
  let best = [...pool].map((t) => ({ text: t, s: score(t) })).sort((a, b) => b.s - a.s)[0]!;
  if (!Number.isFinite(best.s)) return null;
  for (let round = 0; round < o.searchRounds; round++) {
    const next = edits(best.text, alphabet).map((t) => ({ text: t, s: score(t) })).sort((a, b) => b.s - a.s)[0];
    if (!next || next.s <= best.s) break;
    best = next;
  }
  for (const t of edits(best.text, alphabet)) pool.add(t);
  pool.add(best.text);
  return present([...pool], score);
}

/**
 * Fuses a track's reads (`fuseEvidence` over every frame's evidence, seeded with each read, its alternates and the
 * string vote's picks). Reads without CTC evidence (another reader) fall back to `votePlates`.
 */
export function fusePlates(readings: PlateReading[], options: PlateFusionOptions = {}): VotedPlate | null {
  const usable = readings.filter((r) => r.text.length >= 2);
  const vote = votePlates(readings);
  if (!vote) return null;
  const seeds = [vote.text, ...vote.alternates.map((a) => a.text), ...usable.flatMap((r) => [r.text, ...r.alternates.map((a) => a.text)])];
  const fused = fuseEvidence(usable.map((r) => ({ evidence: r.evidence ?? [], text: r.text })), seeds, options);
  if (!fused) return vote;
  const best = usable.filter((r) => r.text === fused.text).sort((a, b) => b.confidence - a.confidence)[0]
    ?? [...usable].sort((a, b) => b.confidence - a.confidence)[0]!;
  return { ...fused, chars: fused.chars.map(({ c, confidence }) => ({ c, confidence })), best };
}

/** Characters some frame gave at least 0.5 % somewhere (no other can win a place); O and Q count for 0. */
function seenCharacters(matrices: CtcMatrix[]): string[] {
  const seen = new Set<string>();
  for (const m of matrices) {
    for (let t = 0; t < m.steps; t++) {
      for (let k = 1; k < PLATE_CLASSES; k++) if (m.probs[t * PLATE_CLASSES + k]! >= 0.005) seen.add(PLATE_ALPHABET[k - 1]!);
    }
  }
  if (seen.has('O') || seen.has('Q')) seen.add('0');
  return [...seen].filter((c) => c !== 'O' && c !== 'Q');
}

/**
 * Scores a text over all frames: each frame's CTC log-likelihood (mean over that frame's matrices), no lower than
 * `veto` below the likelihood of the frame's own read (a frame that saw another line, or a cut one, cannot veto a
 * text alone), averaged over frames, plus log of the prior of the plate it reads as. Memoised per text.
 */
function scorer(frames: PlateView[], veto: number) {
  const cache = new Map<string, number>();
  const frameLl = (i: number, text: string) => {
    const ms = frames[i]!.evidence;
    return ms.reduce((s, m) => s + ctcLogLikelihood(m, text), 0) / ms.length;
  };
  const floor = frames.map((f, i) => frameLl(i, f.text) - veto);
  return (text: string): number => {
    if (text.length < 2) return Number.NEGATIVE_INFINITY;
    const hit = cache.get(text);
    if (hit !== undefined) return hit;
    let sum = 0;
    for (let i = 0; i < frames.length; i++) sum += Math.max(frameLl(i, text), floor[i]!);
    const s = sum / frames.length + Math.log(Math.max(1e-3, plateLikelihood(readIAsOne(text))));
    cache.set(text, s);
    return s;
  };
}

/** The US habit on the winner: I is read as 1 unless a common layout puts a letter there. */
function readIAsOne(text: string): string {
  if (!text.includes('I')) return text;
  const chars = applyPlateHabits([...text].map((c) => ({ c, confidence: 1 })));
  return chars.map((c) => c.c).join('');
}

/** Every text one character away: substituted, dropped or inserted (characters of `alphabet`). */
function edits(text: string, alphabet: string[]): string[] {
  const out = new Set<string>();
  for (let i = 0; i <= text.length; i++) {
    for (const c of alphabet) {
      out.add(text.slice(0, i) + c + text.slice(i));
      if (i < text.length && c !== text[i]) out.add(text.slice(0, i) + c + text.slice(i + 1));
    }
    if (i < text.length) out.add(text.slice(0, i) + text.slice(i + 1));
  }
  out.delete(text);
  return [...out];
}

/**
 * The winner and its alternates: candidates that read the same under the I → 1 habit are one plate (their
 * likelihoods add up); per-character confidence is the winner's character against every other at its place, and
 * the likeliest other is its runner-up.
 */
function present(candidates: string[], score: (t: string) => number): FusedPlate {
  const plates = new Map<string, { raw: string; top: number; sum: number }>();
  for (const raw of candidates) {
    const s = score(raw);
    if (!Number.isFinite(s)) continue;
    const text = readIAsOne(raw);
    const p = plates.get(text);
    if (!p) plates.set(text, { raw, top: s, sum: s });
    else {
      p.sum = Math.max(p.sum, s) + Math.log1p(Math.exp(-Math.abs(p.sum - s)));
      if (s > p.top) Object.assign(p, { raw, top: s });
    }
  }
  const ranked = [...plates.entries()].sort((a, b) => b[1].sum - a[1].sum);
  const [text, win] = ranked[0]!;
  const z = ranked.slice(0, 6).reduce((a, [, p]) => a + Math.exp(p.sum - win.sum), 0);
  const chars = [...win.raw].map((_, i): PlateChar => {
    let others = Math.exp(score(win.raw.slice(0, i) + win.raw.slice(i + 1)) - win.top);
    let alt: string | null = null;
    let altW = 0;
    for (const o of PLATE_ALPHABET) {
      if (o === win.raw[i]) continue;
      const w = Math.exp(score(win.raw.slice(0, i) + o + win.raw.slice(i + 1)) - win.top);
      others += w;
      if (w > altW) [alt, altW] = [o, w];
    }
    return { c: text[i]!, confidence: round(1 / (1 + others)), alt, altConfidence: round(altW / (1 + others)) };
  });
  return {
    text,
    confidence: round(1 / z),
    chars,
    alternates: ranked.slice(1, 6).map(([t, p]) => ({ text: t, confidence: round(Math.exp(p.sum - win.sum) / z) })),
  };
}

const round = (v: number) => Math.round(v * 1000) / 1000;
