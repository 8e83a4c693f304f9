/** A running poller; `stop()` ends it after the request in flight. */
export interface SnapshotPoller {
  stop(): void;
  /** Consecutive failed fetches (reset by a good one). */
  failures(): number;
}

/** Fetches one JPEG from `url` every `intervalMs` and hands it to `onJpeg`; failures are counted, not thrown. */
export function pollSnapshots(url: string, intervalMs: number, onJpeg: (jpeg: Buffer) => void, fetchImpl: typeof fetch = fetch): SnapshotPoller {
  let stopped = false;
  let failed = 0;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    const started = Date.now();
    try {
      const res = await fetchImpl(url, { signal: AbortSignal.timeout(Math.max(intervalMs * 3, 2000)) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const jpeg = Buffer.from(await res.arrayBuffer());
      if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG');
      failed = 0;
      if (!stopped) onJpeg(jpeg);
    } catch {
      failed++;
    }
    if (!stopped) timer = setTimeout(tick, Math.max(0, intervalMs - (Date.now() - started)));
  };
  void tick();
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
    failures: () => failed,
  };
}
