/**
 * Licence plates: normalisation, OCR-confusion-aware matching, wildcard patterns and the
 * "too broad" refusal. Pure functions; the stores (SQLite, PostgreSQL, in-memory) build on them.
 *
 * Store design (how a SQL store answers each kind of plate query with an index, not a scan):
 *
 * - `plate`     TEXT: the normalised read (`normalisePlate`: upper-case, A–Z and 0–9 only).
 * - `plate_key` TEXT: `plateKey(plate)`, every character replaced by the representative of its
 *   OCR-confusion class (O, D, Q → 0; I, L → 1; Z → 2; S → 5; B → 8; G → 6). One B-tree index on
 *   (plate_key, time) serves three query kinds:
 *   - exact:     `plate_key = plateKey(q)`, then keep rows with `plate = q` (quality `exact`) and
 *                grade the rest with `matchPlate` (quality `confusion`). Alternates from the reader
 *                (`PlateRead.alternates`) can go in the same column as extra rows of a small
 *                `plate_alternates(event_id, plate_key)` table; `matchPlateRead` grades both.
 *   - fuzzy:     `plate_key IN (plateFuzzyKeys(q))`: the query's key, its one-deletion keys (the
 *                read gained a character) and its one-insertion keys over the 27-symbol key
 *                alphabet (the read dropped one). For a 7-character plate that is ~230 index seeks,
 *                about a millisecond on SQLite, and costs nothing at write time. Each hit is then
 *                graded with `matchPlate`.
 *   - wildcard:  `compilePlatePattern(p)` gives `keyLike` (a LIKE pattern over `plate_key`, so a
 *                wildcard search is also confusion-aware) and `keyPrefix`; with a literal prefix the
 *                store turns it into a range scan (`plate_key >= prefix AND plate_key < prefix+'~'`);
 *                otherwise it filters by LIKE inside a time/place-bounded scan, which is why short
 *                patterns need a narrow time or place (`assertPlateQueryNarrowEnough`).
 * - Trade-off considered: a side table of deletion keys per read (symmetric-delete, SymSpell) makes
 *   fuzzy lookup n+1 seeks but multiplies index writes by ~8 per event; ingest is the scarcer budget
 *   (issue 5), so the expansion happens at query time instead. `plateDeletionKeys` stays exported
 *   for stores that want the side table (e.g. PostgreSQL with spare write capacity).
 * - Range scans assume byte order: SQLite's default BINARY collation has it; on PostgreSQL declare
 *   the plate_key index `COLLATE "C"` (or `text_pattern_ops`) so prefix ranges and LIKE use it.
 * - `planPlateQuery` turns one search box value into the lookup (keys, or a key range / LIKE) and a
 *   `grade` function for each candidate row; a store needs nothing else from this file.
 */
import { invalid } from './errors.ts';
import type { PlateRead } from './vehicle-event.ts';

/** OCR confusion classes; the first character of each is the class representative used in keys. */
export const PLATE_CONFUSION_CLASSES: readonly string[] = ['0ODQ', '1IL', '2Z', '5S', '8B', '6G'];

const REPRESENTATIVE: Readonly<Record<string, string>> = Object.fromEntries(
  PLATE_CONFUSION_CLASSES.flatMap((cls) => [...cls].map((c) => [c, cls[0]!])),
);

/** Every character that can appear in a `plateKey` (A–Z and 0–9 less the folded look-alikes). */
export const PLATE_KEY_ALPHABET: string = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'].filter((c) => (REPRESENTATIVE[c] ?? c) === c).join('');

/** Upper-case, A–Z and 0–9 only ("ab-1 23" → "AB123"). */
export function normalisePlate(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** The confusion-normalised key of a plate: each character mapped to its class representative. */
export function plateKey(text: string): string {
  let out = '';
  for (const c of normalisePlate(text)) out += REPRESENTATIVE[c] ?? c;
  return out;
}

/** True when two characters are the same or OCR-confusable with each other. */
export function charsConfusable(a: string, b: string): boolean {
  return (REPRESENTATIVE[a] ?? a) === (REPRESENTATIVE[b] ?? b);
}

/** How well a read matches a query, best first. */
export const PLATE_MATCH_QUALITIES = ['exact', 'confusion', 'one_edit'] as const;
export type PlateMatchQuality = (typeof PLATE_MATCH_QUALITIES)[number];

/** A graded plate match: quality, a 0..1 score for sorting, and how many characters differ. */
export interface PlateMatch {
  quality: PlateMatchQuality;
  score: number;
  confusions: number;
}

const SCORE: Readonly<Record<PlateMatchQuality, number>> = { exact: 1, confusion: 0.9, one_edit: 0.7 };

/**
 * Grades `read` against `query`: exact; confusion-equivalent (same key, each confused character
 * lowers the score slightly); or one dropped/extra character after folding confusions. Null when
 * neither.
 */
export function matchPlate(query: string, read: string): PlateMatch | null {
  const q = normalisePlate(query);
  const r = normalisePlate(read);
  if (q.length === 0 || r.length === 0) return null;
  if (q === r) return { quality: 'exact', score: SCORE.exact, confusions: 0 };
  const qk = plateKey(q);
  const rk = plateKey(r);
  if (qk === rk) {
    let confusions = 0;
    for (let i = 0; i < q.length; i++) if (q[i] !== r[i]) confusions++;
    return { quality: 'confusion', score: SCORE.confusion - 0.02 * (confusions - 1), confusions };
  }
  if (oneInsertOrDelete(qk, rk)) return { quality: 'one_edit', score: SCORE.one_edit, confusions: 0 };
  return null;
}

/** A match against a whole read: via its best text, or (scored a little lower) one of its alternates. */
export interface PlateReadMatch extends PlateMatch {
  via: 'text' | 'alternate';
  matchedText: string;
}

/** Grades a read with alternates (`PlateRead`): the best of its text and alternates; null when none match. */
export function matchPlateRead(query: string, read: Pick<PlateRead, 'text' | 'alternates'>): PlateReadMatch | null {
  let best: PlateReadMatch | null = null;
  const consider = (text: string, via: PlateReadMatch['via'], penalty: number) => {
    const m = matchPlate(query, text);
    if (m && (!best || m.score - penalty > best.score)) best = { ...m, score: m.score - penalty, via, matchedText: text };
  };
  consider(read.text, 'text', 0);
  for (const alt of read.alternates) consider(alt.text, 'alternate', 0.05);
  return best;
}

/** True when `a` and `b` differ by exactly one inserted or deleted character. */
function oneInsertOrDelete(a: string, b: string): boolean {
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length - short.length !== 1) return false;
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return short.slice(i) === long.slice(i + 1);
}

/** The distinct keys of `plateKey(text)` with one character deleted (the deletion neighbourhood). */
export function plateDeletionKeys(text: string): string[] {
  const k = plateKey(text);
  const out = new Set<string>();
  for (let i = 0; i < k.length; i++) out.add(k.slice(0, i) + k.slice(i + 1));
  out.delete('');
  return [...out];
}

/** The distinct keys one inserted key-alphabet character away from `plateKey(text)`. */
export function plateInsertionKeys(text: string): string[] {
  const k = plateKey(text);
  const out = new Set<string>();
  for (let i = 0; i <= k.length; i++) for (const c of PLATE_KEY_ALPHABET) out.add(k.slice(0, i) + c + k.slice(i));
  return [...out];
}

/** Every `plate_key` value a fuzzy query for `text` must look up: itself, deletions, insertions. */
export function plateFuzzyKeys(text: string): string[] {
  const k = plateKey(text);
  if (k.length === 0) return [];
  return [...new Set([k, ...plateDeletionKeys(k), ...plateInsertionKeys(k)])];
}

/** A compiled wildcard pattern: an in-memory matcher plus pieces a SQL store can use. */
export interface PlatePattern {
  /** The normalised pattern: A–Z, 0–9, `?` (one character) and `*` (any run, possibly empty). */
  source: string;
  /** How many literal (known) characters it has. */
  knownChars: number;
  minLength: number;
  /** Null when the pattern has a `*`. */
  maxLength: number | null;
  /** SQL LIKE over the plate column (`_` and `%`; no escaping needed: plates have neither). */
  like: string;
  /** SQL LIKE over the plate_key column: literals folded to their confusion representatives. */
  keyLike: string;
  /** Literal characters before the first wildcard, folded; a store can range-scan on it. */
  keyPrefix: string;
  /** True when the plate (any case or punctuation) matches; `confusions` folds look-alikes too. */
  test(plate: string, opts?: { confusions?: boolean }): boolean;
}

/** Compiles a plate pattern (`AB?12*`); collapses repeated `*`. Throws `plate_pattern_empty`. */
export function compilePlatePattern(pattern: string): PlatePattern {
  const source = pattern.toUpperCase().replace(/[^A-Z0-9?*]/g, '').replace(/\*+/g, '*');
  if (source.length === 0) throw invalid('plate_pattern_empty', 'Give a plate or a pattern such as AB?12*.');
  const knownChars = source.replace(/[?*]/g, '').length;
  const fixed = source.replace(/\*/g, '').length;
  const key = [...source].map((c) => REPRESENTATIVE[c] ?? c).join('');
  const toRegex = (s: string) => new RegExp(`^${s.replace(/\?/g, '.').replace(/\*/g, '.*')}$`);
  const plain = toRegex(source);
  const folded = toRegex(key);
  const firstWild = source.search(/[?*]/);
  return {
    source,
    knownChars,
    minLength: fixed,
    maxLength: source.includes('*') ? null : fixed,
    like: source.replace(/\?/g, '_').replace(/\*/g, '%'),
    keyLike: key.replace(/\?/g, '_').replace(/\*/g, '%'),
    keyPrefix: firstWild < 0 ? key : key.slice(0, firstWild),
    test: (plate, opts) => (opts?.confusions ? folded.test(plateKey(plate)) : plain.test(normalisePlate(plate))),
  };
}

/** True when `text` carries wildcard characters and so is a pattern, not a plate. */
export function isPlatePattern(text: string): boolean {
  return /[?*]/.test(text);
}

/** Where a plate query looks; a narrow time or a narrow place lets short patterns through. */
export interface PlateQueryScope {
  fromMs?: number;
  toMs?: number;
  /** How many cameras the query is limited to, when limited to a list. */
  cameraCount?: number;
  /** Area of a drawn polygon or radius, in square metres. */
  areaM2?: number;
}

/** What counts as narrow: at most 24 h, or at most 10 cameras, or at most 1 km². */
export const NARROW_SCOPE = { maxSpanMs: 24 * 3600_000, maxCameras: 10, maxAreaM2: 1_000_000 } as const;

/** Minimum known characters in a plate pattern without a narrow scope. */
export const MIN_KNOWN_PLATE_CHARS = 3;

/** True when the scope is narrow in time or in place. */
export function isNarrowScope(scope: PlateQueryScope): boolean {
  const span = scope.fromMs !== undefined && scope.toMs !== undefined ? scope.toMs - scope.fromMs : Infinity;
  if (span <= NARROW_SCOPE.maxSpanMs) return true;
  if (scope.cameraCount !== undefined && scope.cameraCount <= NARROW_SCOPE.maxCameras) return true;
  return scope.areaM2 !== undefined && scope.areaM2 <= NARROW_SCOPE.maxAreaM2;
}

/**
 * Refuses a plate or pattern with fewer than three known characters unless the scope is narrow
 * (`plate_pattern_too_broad`, with a hint). Returns the compiled pattern when allowed.
 */
export function assertPlateQueryNarrowEnough(text: string, scope: PlateQueryScope): PlatePattern {
  const pattern = compilePlatePattern(text);
  if (pattern.knownChars >= MIN_KNOWN_PLATE_CHARS || isNarrowScope(scope)) return pattern;
  throw invalid(
    'plate_pattern_too_broad',
    `"${pattern.source}" has ${pattern.knownChars} known character(s); give at least ${MIN_KNOWN_PLATE_CHARS}, ` +
      `or narrow the search to 24 hours or less, 10 cameras or fewer, or an area of 1 km² or less.`,
    { knownChars: pattern.knownChars, minKnownChars: MIN_KNOWN_PLATE_CHARS, narrowScope: NARROW_SCOPE },
  );
}

/** How a store looks a plate query up, and how it grades each candidate (null: drop the row). */
export type PlateQueryPlan =
  | { kind: 'exact' | 'fuzzy'; plate: string; keys: string[]; grade: (read: string) => PlateMatch | null }
  | { kind: 'pattern'; pattern: PlatePattern; keyRange: { gte: string; lt: string } | null; grade: (read: string) => PlateMatch | null };

/**
 * Plans a plate search: a pattern if it has `?` or `*`, else exact (same key, exact text only) or
 * fuzzy (confusions and one dropped/extra character). Applies the too-broad refusal first.
 * A pattern hit is `exact` when its literal characters match as typed, `confusion` when only folded.
 */
export function planPlateQuery(text: string, opts: { fuzzy?: boolean; scope: PlateQueryScope }): PlateQueryPlan {
  const pattern = assertPlateQueryNarrowEnough(text, opts.scope);
  if (isPlatePattern(pattern.source)) {
    const keyRange = pattern.keyPrefix ? { gte: pattern.keyPrefix, lt: `${pattern.keyPrefix}~` } : null;
    const grade = (read: string): PlateMatch | null =>
      pattern.test(read) ? { quality: 'exact', score: SCORE.exact, confusions: 0 } : pattern.test(read, { confusions: true }) ? { quality: 'confusion', score: SCORE.confusion, confusions: 1 } : null;
    return { kind: 'pattern', pattern, keyRange, grade };
  }
  const plate = pattern.source;
  if (opts.fuzzy) return { kind: 'fuzzy', plate, keys: plateFuzzyKeys(plate), grade: (read) => matchPlate(plate, read) };
  return { kind: 'exact', plate, keys: [plateKey(plate)], grade: (read) => (normalisePlate(read) === plate ? matchPlate(plate, read) : null) };
}
