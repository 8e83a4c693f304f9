/** Reconnect delay bounds. */
export interface BackoffPolicy {
  minMs: number;
  maxMs: number;
}

/**
 * Delay before reconnect attempt `attempt` (0-based): exponential from minMs, capped at maxMs, with "equal
 * jitter" — uniformly in [cap/2, cap] — so thousands of edges dropped by one hub restart do not return in step.
 */
export function reconnectDelayMs(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const cap = Math.min(policy.maxMs, policy.minMs * 2 ** Math.min(attempt, 30));
  return Math.round(cap / 2 + random() * (cap / 2));
}

/** Edge clock minus hub clock in ms, estimated NTP-style from one round trip (hub time taken mid-flight). */
export function clockOffsetMs(sentMs: number, hubTimeIso: string, receivedMs: number): number | null {
  const hubMs = Date.parse(hubTimeIso);
  if (!Number.isFinite(hubMs)) return null;
  return Math.round((sentMs + receivedMs) / 2 - hubMs);
}
