/** Follows the pre-roll clips asked for an incident's cameras until each is ready (playable) or failed. */
import { useEffect, useState } from 'react';
import { api } from '../../api/http.ts';
import type { RankedCamera } from './rtcc-api.ts';

/** A clip's state as the hub reports it. */
export interface PreRoll {
  clipId: string;
  status: 'requested' | 'uploaded' | 'ready' | 'mismatch' | 'failed' | 'unknown';
  bytes: number | null;
}

const POLL_MS = 2000;
const settled = (s: PreRoll['status']) => s === 'ready' || s === 'mismatch' || s === 'failed';

/** Pre-roll state by camera id; polls only the clips still on their way. */
export function usePreRoll(cameras: RankedCamera[]): Map<string, PreRoll> {
  const [state, setState] = useState<Map<string, PreRoll>>(new Map());
  const key = cameras.filter((c) => c.clipId).map((c) => `${c.id}:${c.clipId}`).join(',');

  useEffect(() => {
    const wanted = key ? key.split(',').map((p) => p.split(':') as [string, string]) : [];
    let stopped = false;
    const current = new Map<string, PreRoll>();
    const poll = async () => {
      for (const [cameraId, clipId] of wanted) {
        if (settled(current.get(cameraId)?.status ?? 'unknown') && current.get(cameraId)?.clipId === clipId) continue;
        try {
          const clip = await api.get<{ status: PreRoll['status']; bytes: number | null }>(`/clips/${encodeURIComponent(clipId)}`);
          current.set(cameraId, { clipId, status: clip.status, bytes: clip.bytes });
        } catch {
          current.set(cameraId, { clipId, status: 'unknown', bytes: null });
        }
      }
      if (stopped) return;
      setState(new Map(current));
      if (wanted.some(([id]) => !settled(current.get(id)?.status ?? 'unknown'))) timer = setTimeout(() => void poll(), POLL_MS);
    };
    let timer: ReturnType<typeof setTimeout> | undefined = setTimeout(() => void poll(), 0);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [key]);
  return state;
}

/** Words for a pre-roll state on a tile. */
export function preRollLabel(p: PreRoll | undefined): string | null {
  if (!p) return null;
  if (p.status === 'ready') return 'Pre-roll ready: press r to replay';
  if (p.status === 'requested' || p.status === 'uploaded') return 'Pre-roll clip on its way from the edge…';
  if (p.status === 'unknown') return null;
  return `Pre-roll clip ${p.status}`;
}
