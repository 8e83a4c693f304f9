/** Subscribes to the live WebSocket for the RTCC topics; reports connection state and when the feed last spoke (staleness). */
import { useEffect, useRef, useState } from 'react';
import { connectLive, type LiveState } from '../../api/live.ts';

/** An RTCC live message (incidents for the crime centre, BOLOs for patrol). */
export type RtccMessage =
  | { type: 'incident.created'; incidentId: string; incidentType: string; priority: number; lat: number; lon: number }
  | { type: 'incident.changed'; incidentId: string; change: string }
  | { type: 'bolo.sent'; boloId: string; title: string; plate: string | null }
  | { type: 'bolo.acknowledged'; boloId: string; userEmail: string; at: string }
  | { type: 'hello'; at: string };

export interface LiveFeed {
  state: LiveState;
  /** When the socket last opened or delivered a message (ms since epoch), or null before the first. */
  lastHeardAt: number | null;
}

/** Calls `onMessage` for RTCC messages and `onReconnect` each time the socket opens again (to refetch what was missed). */
export function useLiveFeed(onMessage: (m: RtccMessage) => void, onReconnect?: () => void): LiveFeed {
  const [state, setState] = useState<LiveState>('connecting');
  const [lastHeardAt, setLastHeardAt] = useState<number | null>(null);
  const handlers = useRef({ onMessage, onReconnect });
  handlers.current = { onMessage, onReconnect };

  useEffect(() => {
    let opened = 0;
    const conn = connectLive(
      (m) => {
        setLastHeardAt(Date.now());
        handlers.current.onMessage(m as unknown as RtccMessage);
      },
      (s) => {
        setState(s);
        if (s !== 'open') return;
        setLastHeardAt(Date.now());
        if (opened++ > 0) handlers.current.onReconnect?.();
      },
    );
    return () => conn.close();
  }, []);

  return { state, lastHeardAt };
}


