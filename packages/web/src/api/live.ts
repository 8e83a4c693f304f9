/** The dashboard's live feed: one WebSocket with backoff reconnects; listeners get parsed messages. */
import type { LiveMessage } from './types.ts';

export type LiveState = 'connecting' | 'open' | 'closed';

export interface LiveConnection {
  close(): void;
}

/** Connects to /api/v1/live (cookie auth) and keeps reconnecting until `close()`. */
export function connectLive(onMessage: (m: LiveMessage) => void, onState: (s: LiveState) => void = () => {}): LiveConnection {
  let socket: WebSocket | null = null;
  let closed = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const open = () => {
    if (closed) return;
    onState('connecting');
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    socket = new WebSocket(`${proto}//${location.host}/api/v1/live`);
    socket.onopen = () => {
      attempt = 0;
      onState('open');
    };
    socket.onmessage = (ev) => {
      try {
        const msg = JSON.parse(String(ev.data)) as LiveMessage;
        if (msg && typeof msg.type === 'string') onMessage(msg);
      } catch {
        // ignore frames that are not JSON
      }
    };
    socket.onclose = () => {
      onState('closed');
      if (closed) return;
      const delay = Math.min(30_000, 1000 * 2 ** attempt++);
      timer = setTimeout(open, delay);
    };
  };
  open();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      socket?.close();
    },
  };
}
