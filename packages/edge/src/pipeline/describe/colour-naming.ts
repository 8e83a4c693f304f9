import type { Colour } from '@camnet/core';
import { chroma, deltaE2000, hue, type Lab } from './lab.ts';

/** Typical car paints of the chromatic vocabulary colours in CIELAB (several shades each). */
export const CHROMATIC_PROTOTYPES: readonly (readonly [Colour, Lab])[] = [
  ['red', { L: 45, a: 62, b: 42 }], ['red', { L: 30, a: 45, b: 22 }], ['red', { L: 22, a: 30, b: 12 }],
  ['blue', { L: 40, a: 10, b: -48 }], ['blue', { L: 25, a: 8, b: -30 }], ['blue', { L: 55, a: -5, b: -35 }], ['blue', { L: 18, a: 3, b: -16 }],
  ['green', { L: 45, a: -40, b: 25 }], ['green', { L: 28, a: -18, b: 8 }], ['green', { L: 55, a: -25, b: 10 }],
  ['yellow', { L: 85, a: 2, b: 80 }], ['yellow', { L: 75, a: 8, b: 70 }], ['yellow', { L: 88, a: 0, b: 45 }],
  ['orange', { L: 60, a: 45, b: 65 }],
  ['brown', { L: 35, a: 12, b: 20 }], ['brown', { L: 25, a: 8, b: 12 }],
  ['beige', { L: 75, a: 3, b: 16 }], ['beige', { L: 65, a: 4, b: 14 }],
  ['gold', { L: 65, a: 6, b: 35 }],
  ['purple', { L: 30, a: 30, b: -25 }], ['purple', { L: 25, a: 20, b: -10 }],
];

/** Lightness bounds of the achromatic classes after the plate exposure correction: black < 28 ≤ gray < 50 ≤ silver < 97 ≤ white (L*). */
export const ACHROMATIC_L = { black: 28, gray: 50, silver: 97 };

/** Chroma below which a body colour is achromatic; dark paints carry less chroma, so the bound grows with L*. */
export const ACHROMA = { base: 7, slope: 0.1 };
export const achromaticChroma = (L: number): number => ACHROMA.base + ACHROMA.slope * L;

/** The achromatic class of a lightness. */
export function greyName(L: number): Colour {
  if (L < ACHROMATIC_L.black) return 'black';
  if (L < ACHROMATIC_L.gray) return 'gray';
  return L < ACHROMATIC_L.silver ? 'silver' : 'white';
}

/** Names a body colour: achromatic by L*, chromatic by the nearest prototype (CIEDE2000); returns the best two distinct names. */
export function nameLab(c: Lab): [Colour, Colour] {
  const grey = greyName(c.L);
  const ranked = rankChromatic(c);
  if (isDeepRed(c)) return ['red', ranked.find((n) => n !== 'red') ?? grey];
  if (chroma(c) < achromaticChroma(c.L)) return [grey, greyNeighbour(c.L, grey)];
  // Faintly coloured light paint with a yellow cast is beige/gold; otherwise weakly coloured paint is grey first.
  if (chroma(c) < achromaticChroma(c.L) + 4 && !(hue(c) > 50 && hue(c) < 100 && c.L > 55)) return [grey, ranked[0]!];
  const first = (chroma(c) >= HUE_NAMING.minChroma && hueName(hue(c))) || ranked[0]!;
  return [first, ranked.find((n) => n !== first) ?? grey];
}

/**
 * Shade, skylight and the plate's white balance move grey paint along the blue–yellow axis (daylight, skylight,
 * tungsten), hardly ever towards red or magenta; dark red paint (maroon, burgundy) in shade keeps little chroma, and
 * skylight turns its hue towards magenta. So weakly coloured paint with a hue from `from`° (where `HUE_NAMING`'s blue
 * ends) round through 0° to `to`° is red once its chroma reaches `boundShare` of the achromatic bound (clearly coloured paint, C* ≥ `HUE_NAMING.minChroma`,
 * is named by its hue sector as before: magenta-purple stays purple).
 */
export const DEEP_RED = { from: 315, to: 40, boundShare: 0.7 };

const isDeepRed = (c: Lab): boolean => {
  const h = hue(c), C = chroma(c);
  return (h >= DEEP_RED.from || h < DEEP_RED.to) && C < HUE_NAMING.minChroma && C >= achromaticChroma(c.L) * DEEP_RED.boundShare;
};

/**
 * Clearly coloured paint (C* at least `minChroma`) outside the warm hues is named by its hue sector (h_ab in degrees,
 * upper bounds; sRGB red is at 40°, green 136°, blue 306°, magenta 328°): the prototypes sit at typical lightness,
 * so a sunlit red (L* 60+) would otherwise land nearer orange or beige. Warm hues (45–115°: orange, yellow, gold,
 * beige, brown) differ by lightness and chroma more than by hue and stay with the prototypes.
 */
export const HUE_NAMING = { minChroma: 25, sectors: [[45, 'red'], [115, null], [210, 'green'], [315, 'blue'], [355, 'purple'], [360, 'red']] as const };

/** The colour of a hue angle (0..360) by `HUE_NAMING.sectors`; null in the warm hues. */
export function hueName(h: number): Colour | null {
  return HUE_NAMING.sectors.find(([upTo]) => h < upTo)?.[1] ?? null;
}

function rankChromatic(c: Lab): Colour[] {
  const best = new Map<Colour, number>();
  for (const [name, p] of CHROMATIC_PROTOTYPES) {
    const d = deltaE2000(c, p);
    if (d < (best.get(name) ?? Infinity)) best.set(name, d);
  }
  return [...best.entries()].sort((x, y) => x[1] - y[1]).map(([n]) => n);
}

function greyNeighbour(L: number, name: Colour): Colour {
  const bounds: [number, Colour, Colour][] = [[ACHROMATIC_L.black, 'black', 'gray'], [ACHROMATIC_L.gray, 'gray', 'silver'], [ACHROMATIC_L.silver, 'silver', 'white']];
  let best: Colour = name === 'white' ? 'silver' : 'gray';
  let dist = Infinity;
  for (const [b, lo, hi] of bounds) {
    if (name !== lo && name !== hi) continue;
    if (Math.abs(L - b) < dist) { dist = Math.abs(L - b); best = name === lo ? hi : lo; }
  }
  return best;
}
