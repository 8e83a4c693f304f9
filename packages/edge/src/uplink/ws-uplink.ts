import { hubMessageSchema, newId, PROTOCOL_MINOR, PROTOCOL_VERSION, type CameraHealth, type CamerasConfig, type EdgeMessage, type HubMessage } from '@camnet/core';
import WebSocket from 'ws';
import type { Outbox, OutboxItem } from '../outbox/outbox.ts';
import { clockOffsetMs, reconnectDelayMs, type BackoffPolicy } from './backoff.ts';
import type { HubCommand } from './command-handler.ts';

/** What the uplink reports in each heartbeat. */
export interface EdgeHealthSnapshot {
  cameras: CameraHealth[];
  diskUsedBytes: number;
  diskBudgetBytes: number;
}

/** Dependencies of the uplink; `random` and `clock` are injectable for tests. */
export interface UplinkDeps {
  hubUrl: string;
  credential: () => string;
  agentVersion: string;
  cameraIds: () => string[];
  outbox: Outbox;
  health: () => EdgeHealthSnapshot;
  onCommand: (cmd: HubCommand) => Promise<EdgeMessage>;
  /** The hub's list of cameras this edge serves (sent after welcome and on every registry change). */
  onCamerasConfig?: (config: CamerasConfig) => void;
  heartbeatMs: number;
  backoff: BackoffPolicy;
  batchSize: number;
  ackTimeoutMs: number;
  clock?: () => number;
  random?: () => number;
  log?: (msg: string, extra?: Record<string, unknown>) => void;
}

/** Where the uplink stands. */
export interface UplinkStatus {
  connected: boolean;
  edgeId: string | null;
  clockOffsetMs: number;
  reconnects: number;
  lastAckAt: string | null;
}

/** The one outbound WebSocket to the hub: hello, heartbeats, outbox batches acknowledged by id, commands, reconnect. */
export interface Uplink {
  /** Wakes the sender after an enqueue (otherwise it polls the outbox every second). */
  notify(): void;
  status(): UplinkStatus;
  stop(): Promise<void>;
}

const POLL_MS = 1000;
// Keep one WebSocket message small enough for any hub's frame limit (events may carry thumbnails).
const MAX_BATCH_BYTES = 4 * 1024 * 1024;

/** The longest prefix of items whose payloads fit in MAX_BATCH_BYTES (always at least one item). */
function capBytes(items: OutboxItem[]): OutboxItem[] {
  let total = 0;
  const n = items.findIndex((it, i) => (total += JSON.stringify(it.payload).length) > MAX_BATCH_BYTES && i > 0);
  return n === -1 ? items : items.slice(0, n);
}

/** The hub's WebSocket endpoint for edges: http(s) → ws(s), path /api/v1/edges/connect. */
export function connectUrl(hubUrl: string): string {
  const u = new URL('/api/v1/edges/connect', hubUrl);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  return u.toString();
}

/** Starts the uplink: connects now and keeps reconnecting with jittered exponential backoff until `stop()`. */
export function startUplink(d: UplinkDeps): Uplink {
  const clock = d.clock ?? Date.now;
  const log = d.log ?? (() => undefined);
  const st: UplinkStatus = { connected: false, edgeId: null, clockOffsetMs: 0, reconnects: 0, lastAckAt: null };
  let ws: WebSocket | null = null;
  let stopped = false;
  let attempt = 0;
  let timers: NodeJS.Timeout[] = [];
  let reconnectTimer: NodeJS.Timeout | undefined;
  let inFlight: { id: string; items: OutboxItem[]; timer: NodeJS.Timeout } | null = null;
  const sentAt = new Map<string, number>();

  const send = (msg: EdgeMessage) => {
    if (ws?.readyState !== WebSocket.OPEN) return false;
    ws.send(JSON.stringify(msg));
    return true;
  };
  // Send times of recent messages, so an ack carrying hubTime refines the clock offset.
  const remember = (id: string) => {
    sentAt.set(id, clock());
    if (sentAt.size > 100) sentAt.delete(sentAt.keys().next().value!);
    return id;
  };
  const edgeTime = () => new Date(clock()).toISOString();

  function drain(): void {
    if (!st.connected || inFlight) return;
    const items = capBytes(d.outbox.takeBatch(d.batchSize));
    if (items.length === 0) return;
    const id = remember(newId());
    const events = items.map((it) => ({ key: it.key, kind: it.kind, edgeTime: new Date(it.createdMs).toISOString(), payload: it.payload }));
    // No ack in time: drop the connection; the batch goes again after reconnect (the hub deduplicates by key).
    const timer = setTimeout(() => ws?.terminate(), d.ackTimeoutMs);
    inFlight = { id, items, timer };
    if (!send({ type: 'events', id, events })) clearInflight();
  }
  function clearInflight(): void {
    if (inFlight) clearTimeout(inFlight.timer);
    inFlight = null;
  }
  function heartbeat(): void {
    const h = d.health();
    send({ type: 'heartbeat', id: remember(newId()), edgeTime: edgeTime(), clockOffsetMs: st.clockOffsetMs, ...h, outboxPending: d.outbox.pending() });
  }

  function onMessage(raw: WebSocket.RawData): void {
    let msg: HubMessage;
    try {
      const parsed = hubMessageSchema.safeParse(JSON.parse(raw.toString()));
      if (!parsed.success) return; // unknown or newer message types are ignored (protocol rule)
      msg = parsed.data;
    } catch {
      return;
    }
    const sent = 'of' in msg ? sentAt.get(msg.of) : msg.type === 'welcome' ? sentAt.get('hello') : undefined;
    if ((msg.type === 'welcome' || msg.type === 'ack') && msg.hubTime && sent !== undefined) {
      st.clockOffsetMs = clockOffsetMs(sent, msg.hubTime, clock()) ?? st.clockOffsetMs;
    }
    if (msg.type === 'welcome') return onWelcome(msg.edgeId);
    if (msg.type === 'ack') return onAck(msg.of);
    if (msg.type === 'error') return log('hub reported an error', { errorId: msg.errorId, message: msg.message });
    if (msg.type === 'cameras.config') return d.onCamerasConfig?.(msg);
    void d.onCommand(msg).then(send);
  }
  function onWelcome(edgeId: string): void {
    st.edgeId = edgeId;
    st.connected = true;
    attempt = 0;
    heartbeat();
    timers.push(setInterval(heartbeat, d.heartbeatMs), setInterval(drain, POLL_MS));
    drain();
  }
  function onAck(of: string): void {
    if (!inFlight || inFlight.id !== of) return;
    d.outbox.acknowledge(inFlight.items.map((it) => it.seq));
    st.lastAckAt = edgeTime();
    clearInflight();
    drain();
  }

  function connect(): void {
    if (stopped) return;
    const socket = new WebSocket(connectUrl(d.hubUrl), { headers: { authorization: `Bearer ${d.credential()}` }, handshakeTimeout: 10_000 });
    ws = socket;
    socket.on('open', () => {
      sentAt.set('hello', clock());
      send({ type: 'hello', id: newId(), protocolVersion: PROTOCOL_VERSION, protocolMinor: PROTOCOL_MINOR, agentVersion: d.agentVersion, edgeTime: edgeTime(), cameraIds: d.cameraIds() });
    });
    socket.on('message', onMessage);
    socket.on('error', (e) => log('uplink socket error', { message: e.message }));
    socket.on('close', () => onClose(socket));
  }
  function onClose(socket: WebSocket): void {
    if (ws !== socket) return;
    ws = null;
    st.connected = false;
    clearInflight();
    timers.forEach(clearInterval);
    timers = [];
    if (stopped) return;
    const delay = reconnectDelayMs(attempt++, d.backoff, d.random);
    st.reconnects++;
    log('uplink disconnected; reconnecting', { delayMs: delay });
    reconnectTimer = setTimeout(connect, delay);
  }

  connect();
  return {
    notify: () => drain(),
    status: () => ({ ...st }),
    async stop() {
      stopped = true;
      clearTimeout(reconnectTimer);
      const socket = ws;
      if (!socket) return;
      const closed = new Promise((r) => socket.once('close', r));
      socket.close(1001, 'edge stopping');
      const kill = setTimeout(() => socket.terminate(), 2000);
      await closed;
      clearTimeout(kill);
    },
  };
}
