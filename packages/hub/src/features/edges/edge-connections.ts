import { newId, unavailable } from '@camnet/core';
import type { EdgeMessage, HubMessage } from '@camnet/core';

type Reply = Extract<EdgeMessage, { of: string }>;

/**
 * The edges connected to this hub instance and the replies awaited from them. Commands go out over the edge's own
 * WebSocket; `request` resolves with the edge's answer (`clip.ready`, `snapshot.ready`, `ack` or `command.failed`).
 */
export function createEdgeConnections() {
  const sockets = new Map<string, (m: HubMessage) => void>();
  const waiting = new Map<string, { resolve: (r: Reply) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> }>();

  return {
    attach(edgeId: string, send: (m: HubMessage) => void): () => void {
      sockets.set(edgeId, send);
      return () => {
        if (sockets.get(edgeId) === send) sockets.delete(edgeId);
      };
    },

    isConnected(edgeId: string): boolean {
      return sockets.has(edgeId);
    },

    /** Sends without waiting; false when the edge is not connected here. */
    send(edgeId: string, message: HubMessage): boolean {
      const send = sockets.get(edgeId);
      if (!send) return false;
      send(message);
      return true;
    },

    /** Sends a command with a fresh id and waits for the reply that names it. */
    request(edgeId: string, build: (id: string) => HubMessage, timeoutMs: number, id: string = newId()): { id: string; reply: Promise<Reply> } {
      const send = sockets.get(edgeId);
      if (!send) throw unavailable('edge_offline', 'The camera’s edge is not connected to the hub right now.', { edgeId });
      const reply = new Promise<Reply>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(unavailable('edge_timeout', `The edge did not answer within ${Math.round(timeoutMs / 1000)} s.`, { edgeId }));
        }, timeoutMs);
        waiting.set(id, { resolve, reject, timer });
      });
      send(build(id));
      return { id, reply };
    },

    /** Routes an edge's reply to whoever awaits it; false when nobody does. */
    settle(reply: Reply): boolean {
      const w = waiting.get(reply.of);
      if (!w) return false;
      clearTimeout(w.timer);
      waiting.delete(reply.of);
      w.resolve(reply);
      return true;
    },
  };
}
export type EdgeConnections = ReturnType<typeof createEdgeConnections>;
