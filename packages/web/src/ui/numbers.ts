/** Form text → number for the API: empty stays undefined (the API says it is required), junk stays NaN→undefined. */
export function toNumber(text: string): number | undefined {
  const t = text.trim();
  if (!t) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

export const numText = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));
