/** Levenshtein distance between two short strings. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** Two plate readings are the same plate when they differ by at most one character (a misread), both ≥ 5 long. */
export function samePlate(a: string, b: string): boolean {
  return a.length >= 5 && b.length >= 5 && editDistance(a, b) <= 1;
}
