import type { FastifyInstance } from 'fastify';
import { PROTOCOL_VERSION, edgeMessageSchema, newId } from '@camnet/core';
import type { CameraHealth, EdgeCameraConfig, EdgeMessage, HubMessage, OutboxEvent } from '@camnet/core';
import type { EventBus } from '../../events/event-bus.ts';
import type { CamerasService } from '../cameras/cameras.service.ts';
import type { EdgeConnections } from './edge-connections.ts';
import type { EdgesService } from './edges.service.ts';

/** Stores one batch of outbox items from an edge exactly once per idempotency key. */
export type EdgeBatchSink = (edgeId: string, events: OutboxEvent[]) => Promise<{ accepted: number; duplicates: number; rejected?: number }>;

export interface EdgeLinkDeps {
  edges: EdgesService;
  cameras: CamerasService;
  connections: EdgeConnections;
  bus: EventBus;
  ingest: EdgeBatchSink;
}

/** The edge's one outbound WebSocket: hello → welcome + camera list, heartbeats, event batches, command replies. */
export function registerEdgeLinkRoutes(app: FastifyInstance, deps: EdgeLinkDeps): void {
  const { edges, cameras, connections, bus } = deps;

  async function camerasConfig(edgeId: string): Promise<HubMessage> {
    const edge = await edges.get(edgeId);
    const served = edge ? await cameras.servedBy(edge, await edges.sitesWithEdges()) : [];
    const list: EdgeCameraConfig[] = served.map((c) => ({
      cameraId: c.id, name: c.name, streamUrl: cameras.streamUrlOf(c), retentionDays: c.retentionDays,
      maskMode: c.maskMode as EdgeCameraConfig['maskMode'], privacyMasks: c.privacyMasks, headingDeg: c.headingDeg,
    }));
    return { type: 'cameras.config', id: newId(), cameras: list };
  }

  // Any registry change may move a camera between edges: every connected edge gets its list again.
  const resend = async () => {
    for (const e of await edges.all()) {
      if (connections.isConnected(e.id)) connections.send(e.id, await camerasConfig(e.id));
    }
  };
  bus.subscribe('camera.changed', resend);
  bus.subscribe('camera.removed', resend);

  /** A heartbeat's camera health, for the cameras this edge serves (the edge list is read only for the embedded edge, the one rule that needs it). */
  async function recordHealth(edgeId: string, reports: CameraHealth[]): Promise<void> {
    const edge = await edges.get(edgeId);
    if (!edge || reports.length === 0) return;
    await cameras.recordHealth({ edge, sitesWithEdges: edge.embedded ? await edges.sitesWithEdges() : new Set() }, reports);
  }

  async function handle(edgeId: string, m: EdgeMessage, send: (m: HubMessage) => void, close: () => void): Promise<void> {
    switch (m.type) {
      case 'hello':
        if (Math.floor(m.protocolVersion) !== PROTOCOL_VERSION) {
          send({ type: 'error', id: newId(), errorId: 'protocol_version_unsupported', message: `The hub speaks protocol ${PROTOCOL_VERSION}.` });
          return close();
        }
        await edges.heartbeat(edgeId, { version: m.agentVersion });
        send({ type: 'welcome', id: newId(), edgeId, hubTime: new Date().toISOString() });
        return send(await camerasConfig(edgeId));
      case 'heartbeat':
        await edges.heartbeat(edgeId, { diskUsedBytes: m.diskUsedBytes, clockOffsetMs: m.clockOffsetMs });
        await recordHealth(edgeId, m.cameras);
        return send({ type: 'ack', id: newId(), of: m.id, hubTime: new Date().toISOString() });
      case 'events': {
        const r = await deps.ingest(edgeId, m.events);
        return send({ type: 'ack', id: newId(), of: m.id, accepted: r.accepted, duplicates: r.duplicates, rejected: r.rejected ?? 0, hubTime: new Date().toISOString() });
      }
      case 'clip.ready':
      case 'snapshot.ready':
      case 'command.failed':
      case 'ack':
        connections.settle(m);
        return;
    }
  }

  app.get('/api/v1/edges/connect', {
    websocket: true,
    schema: { tags: ['edges'], summary: 'Edge agent WebSocket (bearer edge credential)' },
    config: { access: { edge: true }, audit: { action: 'edge.connect', target: (req) => req.edgeId } },
  }, (socket, req) => {
    const edgeId = req.edgeId!;
    const send = (m: HubMessage) => socket.send(JSON.stringify(m));
    const detach = connections.attach(edgeId, send);
    // Messages are handled in order: an ack must never overtake the batch it acknowledges.
    let queue = Promise.resolve();
    socket.on('message', (raw) => {
      queue = queue.then(async () => {
        let parsed;
        try {
          parsed = edgeMessageSchema.safeParse(JSON.parse(String(raw)));
        } catch {
          return send({ type: 'error', id: newId(), errorId: 'message_not_json', message: 'Messages must be JSON.' });
        }
        if (!parsed.success) return send({ type: 'error', id: newId(), errorId: 'message_invalid', message: parsed.error.issues[0]?.message ?? 'invalid message' });
        await handle(edgeId, parsed.data, send, () => socket.close(4400, 'protocol version'));
      }).catch((err) => req.log.error({ err, edgeId }, 'edge message failed'));
    });
    socket.on('close', () => {
      detach();
      if (!connections.isConnected(edgeId)) void edges.disconnected(edgeId);
    });
  });
}
