/** A small seeded PRNG and the draws the synthetic generators need. Same seed, same sequence. */

/** A seeded random source (sfc32): uniform floats in [0, 1) plus common draws. */
export interface Random {
  next(): number;
  int(minInclusive: number, maxExclusive: number): number;
  pick<T>(items: readonly T[]): T;
  weighted<T extends string>(weights: Readonly<Record<T, number>>): T;
  normal(mean?: number, sd?: number): number;
  poisson(lambda: number): number;
  chance(p: number): boolean;
}

/** Hashes a seed (number or string) to four 32-bit words. */
function seedWords(seed: number | string): [number, number, number, number] {
  let h = 1779033703 ^ String(seed).length;
  const text = String(seed);
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  const next = () => {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return (h ^= h >>> 16) >>> 0;
  };
  return [next(), next(), next(), next()];
}

/** Creates a deterministic random source from `seed`. */
export function createRandom(seed: number | string): Random {
  let [a, b, c, d] = seedWords(seed);
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  const rnd: Random = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted: (weights) => pickWeighted(weights, next()),
    normal: (mean = 0, sd = 1) => mean + sd * Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    poisson: (lambda) => poisson(lambda, next, rnd.normal),
    chance: (p) => next() < p,
  };
  return rnd;
}

const cumulative = new WeakMap<object, { keys: string[]; sums: number[] }>();

/** Weighted pick; the cumulative table is built once per weights object. */
function pickWeighted<T extends string>(weights: Readonly<Record<T, number>>, u: number): T {
  let table = cumulative.get(weights);
  if (!table) {
    let sum = 0;
    const entries = Object.entries(weights) as [string, number][];
    table = { keys: entries.map(([k]) => k), sums: entries.map(([, w]) => (sum += w)) };
    cumulative.set(weights, table);
  }
  const x = u * table.sums[table.sums.length - 1]!;
  for (let i = 0; i < table.sums.length; i++) if (x < table.sums[i]!) return table.keys[i] as T;
  return table.keys[table.keys.length - 1] as T;
}

/** Knuth's method for small λ, a rounded normal approximation above 30. */
function poisson(lambda: number, next: () => number, normal: (m: number, sd: number) => number): number {
  if (lambda <= 0) return 0;
  if (lambda > 30) return Math.max(0, Math.round(normal(lambda, Math.sqrt(lambda))));
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = next();
  while (p > limit) {
    k++;
    p *= next();
  }
  return k;
}
