import { ctcLogLikelihood, PLATE_ALPHABET, type CtcMatrix } from './ctc-likelihood.ts';
import type { PlateReading } from './plate-reader.ts';
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

/**
 * Fuses a track's reads at the recogniser's output instead of voting on decoded strings: candidate texts (every read,
 * its alternates, the string vote's picks, then single-character edits of the best) are scored on every frame by CTC
 * likelihood (`ctcLogLikelihood`, all alignments summed), frames averaged, plus a US-plate prior; the best wins.
 * Per-character confidence is how much that character beats every other at its place, all frames considered.
 * Reads without CTC evidence (another reader) fall back to `votePlates`.
 */
export function fusePlates(readings: PlateReading[], options: PlateFusionOptions = {}): VotedPlate | null {
  const o = { ...DEFAULTS, ...options };
  const usable = readings.filter((r) => r.text.length >= 2);
  const frames = usable.filter((r) => r.evidence?.length).map((r) => ({ evidence: r.evidence!, text: r.text }));
  const vote = votePlates(readings);
  if (!vote || frames.length === 0) return vote;
  const score = scorer(frames, o.frameVetoNats);
  const seeds = new Set<string>([vote.text, ...vote.alternates.map((a) => a.text)]);
  for (const r of usable) for (const t of [r.text, ...r.alternates.map((a) => a.text)]) seeds.add(t);
  let best = [...seeds].map((t) => ({ text: t, s: score(t) })).sort((a, b) => b.s - a.s)[0]!;
  for (let round = 0; round < o.searchRounds; round++) {
    const next = edits(best.text).map((t) => ({ text: t, s: score(t) })).sort((a, b) => b.s - a.s)[0];
    if (!next || next.s <= best.s) break;
    best = next;
  }
  return present(readIAsOne(best.text), score, usable, vote);
}

/**
 * Scores a text over all frames: each frame's CTC log-likelihood (mean over that frame's matrices), no lower than
 * `veto` below the likelihood of the frame's own read (a frame that saw another line, or a cut one, cannot veto a
 * text alone), averaged over frames, plus log of the plate prior. Memoised per text.
 */
function scorer(frames: { evidence: CtcMatrix[]; text: string }[], veto: number) {
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
    const s = sum / frames.length + Math.log(Math.max(1e-3, plateLikelihood(text)));
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

/** Every text one character away: substituted, dropped or inserted (A–Z0–9, no O or Q). */
function edits(text: string): string[] {
  const out = new Set<string>();
  const alphabet = [...PLATE_ALPHABET].filter((c) => c !== 'O' && c !== 'Q');
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

/** The winner with per-character confidence (its character against every other at that place) and ranked alternates. */
function present(text: string, score: (t: string) => number, usable: PlateReading[], vote: VotedPlate): VotedPlate {
  const top = score(text);
  const chars = [...text].map((c, i) => {
    let z = 1;
    for (const o of PLATE_ALPHABET) if (o !== c) z += Math.exp(score(text.slice(0, i) + o + text.slice(i + 1)) - top);
    z += Math.exp(score(text.slice(0, i) + text.slice(i + 1)) - top);
    return { c, confidence: round(1 / z) };
  });
  const pool = new Set<string>([...vote.alternates.map((a) => a.text), vote.text, ...edits(text)]);
  for (const r of usable) for (const t of [r.text, ...r.alternates.map((a) => a.text)]) pool.add(t);
  pool.delete(text);
  const ranked = [...pool].map((t) => ({ text: t, s: score(t) })).filter((a) => Number.isFinite(a.s)).sort((a, b) => b.s - a.s).slice(0, 5);
  const z = 1 + ranked.reduce((s, a) => s + Math.exp(a.s - top), 0);
  const best = usable.filter((r) => r.text === text).sort((a, b) => b.confidence - a.confidence)[0]
    ?? [...usable].sort((a, b) => b.confidence - a.confidence)[0]!;
  return {
    text,
    confidence: round(1 / z),
    chars,
    alternates: ranked.map((a) => ({ text: a.text, confidence: round(Math.exp(a.s - top) / z) })),
    best,
  };
}

const round = (v: number) => Math.round(v * 1000) / 1000;
