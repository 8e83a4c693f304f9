import { useEffect, useState } from 'react';

/** How long ago, in plain words: "just now", "12 s ago", "3 min ago", "2 h ago", "4 days ago". */
export function ago(ms: number): string {
  const t = Math.max(0, ms);
  if (t < 5_000) return 'just now';
  if (t < 60_000) return `${Math.round(t / 1000)} s ago`;
  if (t < 3_600_000) return `${Math.round(t / 60_000)} min ago`;
  if (t < 86_400_000) return `${Math.round(t / 3_600_000)} h ago`;
  const days = Math.round(t / 86_400_000);
  return `${days} day${days === 1 ? '' : 's'} ago`;
}

/** Date.now(), re-rendering every `ms` (for "5 s ago" labels). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}
