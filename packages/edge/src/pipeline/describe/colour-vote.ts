import type { Colour } from '@camnet/core';
import type { ColourEstimate } from './vehicle-colour.ts';

/** One frame's colour judgement and how much it counts (the vehicle's box area on that frame: nearer is clearer). */
export interface WeightedColour {
  estimate: ColourEstimate;
  weight: number;
}

/**
 * A vehicle's colour over several frames: light, shade and reflections change from frame to frame, the paint does
 * not. The colour with the most weight wins; the runner-up is the next colour by weight, else the winners' own
 * runner-up. Confidence is the winner's share of the weight times its frames' mean confidence, so a single frame
 * keeps its own confidence and a split vote is less sure.
 */
export function voteColours(frames: readonly WeightedColour[]): ColourEstimate | null {
  const weight = new Map<Colour, number>();
  let total = 0;
  for (const { estimate, weight: w } of frames) {
    weight.set(estimate.colour, (weight.get(estimate.colour) ?? 0) + w);
    total += w;
  }
  if (total <= 0) return null;
  const [[colour, w], second] = [...weight.entries()].sort((a, b) => b[1] - a[1]) as [[Colour, number], [Colour, number] | undefined];
  const winners = frames.filter((f) => f.estimate.colour === colour);
  const meanConfidence = winners.reduce((sum, f) => sum + f.estimate.confidence * f.weight, 0) / w;
  const alt = second?.[0] ?? winners.map((f) => f.estimate.alt).find((a) => a !== null && a !== colour) ?? null;
  return { colour, confidence: Math.round((w / total) * meanConfidence * 100) / 100, alt };
}
