// Test support: a small hub speaking the edge protocol on loopback, recording everything it receives.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTENT_SHA256_HEADER, edgeMessageSchema, type EdgeMessage, type HubMessage } from '@camnet/core';
import { WebSocketServer, type WebSocket } from 'ws';

/** An upload the hub received: its path, the edge's hash header and the hash the hub computed. */
export interface ReceivedUpload {
  path: string;
  edgeSha256: string | undefined;
  hubSha256: string;
  bytes: number;
  authorization: string | undefined;
}

/** A loopback hub that acks event batches (deduplicating by key), records messages and uploads. */
export interface RecordingHub {
  url: string;
  messages: EdgeMessage[];
  authorizations: string[];
  stored: Map<string, unknown>;
  duplicates: number;
  uploads: ReceivedUpload[];
  /** While false, event batches are received (and stored) but not acknowledged. */
  acking: boolean;
  send(msg: HubMessage): void;
  dropConnections(): void;
  close(): Promise<void>;
}

/** Starts the hub on a free port; `enrol` answers POST /api/v1/edges/enrol for the given token. */
export async function startRecordingHub(opts: { token?: string; credential?: string; port?: number } = {}): Promise<RecordingHub> {
  const sockets = new Set<WebSocket>();
  const server: Server = createServer((req, res) => void handleHttp(req, res));
  const hub: RecordingHub = {
    url: '', messages: [], authorizations: [], stored: new Map(), duplicates: 0, uploads: [], acking: true,
    send: (msg) => sockets.forEach((s) => s.send(JSON.stringify(msg))),
    dropConnections: () => sockets.forEach((s) => s.terminate()),
    close: async () => {
      sockets.forEach((s) => s.terminate());
      wss.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    if (req.url === '/api/v1/edges/enrol') {
      const { token } = JSON.parse(body.toString()) as { token: string };
      if (token !== opts.token) return void res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { id: 'enrolment_token_invalid', message: 'token unknown or used' } }));
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ edgeId: 'edge-1', credential: opts.credential ?? 'cred-1' }));
    }
    const hubSha256 = createHash('sha256').update(body).digest('hex');
    const edgeSha256 = req.headers[CONTENT_SHA256_HEADER.toLowerCase()] as string | undefined;
    hub.uploads.push({ path: req.url ?? '', edgeSha256, hubSha256, bytes: body.length, authorization: req.headers.authorization });
    res.writeHead(edgeSha256 === hubSha256 ? 201 : 422, { 'content-type': 'application/json' }).end(JSON.stringify({ sha256: hubSha256 }));
  }
  const wss = new WebSocketServer({ server, path: '/api/v1/edges/connect' });
  wss.on('connection', (socket, req) => {
    sockets.add(socket);
    hub.authorizations.push(req.headers.authorization ?? '');
    socket.on('close', () => sockets.delete(socket));
    socket.on('message', (raw) => onEdgeMessage(socket, edgeMessageSchema.parse(JSON.parse(raw.toString()))));
  });
  function onEdgeMessage(socket: WebSocket, msg: EdgeMessage): void {
    hub.messages.push(msg);
    const hubTime = new Date().toISOString();
    if (msg.type === 'hello') socket.send(JSON.stringify({ type: 'welcome', id: `w-${msg.id}`, edgeId: 'edge-1', hubTime }));
    if (msg.type !== 'events') return;
    let accepted = 0;
    for (const e of msg.events) {
      if (hub.stored.has(e.key)) {
        hub.duplicates++;
      } else {
        hub.stored.set(e.key, e.payload);
        accepted++;
      }
    }
    if (hub.acking) socket.send(JSON.stringify({ type: 'ack', id: `a-${msg.id}`, of: msg.id, accepted, duplicates: msg.events.length - accepted, hubTime }));
  }
  await new Promise<void>((r) => server.listen(opts.port ?? 0, '127.0.0.1', r));
  hub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return hub;
}
