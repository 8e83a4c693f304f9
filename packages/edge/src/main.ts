import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pino, { type Logger } from 'pino';
import { createClipService, type ClipService } from './clips/clip-service.ts';
import { diskBudgetBytes, edgeConfigSchema, type EdgeCamera, type EdgeConfig, type EdgeConfigInput } from './config.ts';
import { createOutboxEventSink } from './outbox/outbox-event-sink.ts';
import type { Outbox } from './outbox/outbox.ts';
import { createSqliteOutbox } from './outbox/sqlite-outbox.ts';
import { createCameraRecorder, type CameraRecorder } from './recording/camera-recorder.ts';
import { sweepRetention } from './recording/retention-sweeper.ts';
import type { Gap, SegmentIndex } from './recording/segment-index.ts';
import { createSqliteSegmentIndex } from './recording/sqlite-segment-index.ts';
import type { DirectSource } from './sources/camera-source.ts';
import { resolveFfmpegPath } from './sources/ffmpeg-binary.ts';
import { getOnvifStreams } from './sources/onvif-camera.ts';
import { createCommandHandler } from './uplink/command-handler.ts';
import { enrolEdge, loadCredential, type EdgeCredential } from './uplink/enrolment.ts';
import { uploadToHub } from './uplink/http-upload.ts';
import { startUplink, type EdgeHealthSnapshot, type Uplink, type UplinkStatus } from './uplink/ws-uplink.ts';

/** The version the edge reports in its hello. */
export const AGENT_VERSION = '0.1.0';
const ACKED_OUTBOX_KEEP_MS = 7 * 86_400_000;

/** A running edge agent. */
export interface RunningEdge {
  config: EdgeConfig;
  /** Null until enrolled (no hub URL, or no token and no stored credential). */
  edgeId: string | null;
  /** Queue an event for the hub; the same idempotency key is sent (and stored by the hub) once. */
  publish(kind: string, payload: unknown, idempotencyKey: string): { seq: number; duplicate: boolean };
  /** The vision pipeline's EventSink: vehicle events into the outbox. */
  eventSink: ReturnType<typeof createOutboxEventSink>;
  outbox: Outbox;
  index: SegmentIndex;
  clips: ClipService;
  health(): EdgeHealthSnapshot;
  uplinkStatus(): UplinkStatus | null;
  /** Runs retention now (it also runs every `retentionSweepSeconds`). */
  sweepRetention(): void;
  stop(): Promise<void>;
}

/** Extra wiring for embedding (the CLI's `camnet up` passes its logger). */
export interface StartEdgeOptions {
  logger?: Logger;
  fetchImpl?: typeof fetch;
}

/**
 * Starts the edge: opens its database, enrols if it has a token and no credential, starts recording every
 * camera, retention, and the uplink to the hub. `stop()` ends all of it (ffmpeg children included).
 */
export async function startEdge(input: EdgeConfigInput, opts: StartEdgeOptions = {}): Promise<RunningEdge> {
  const config = edgeConfigSchema.parse(input);
  const log = opts.logger ?? pino({ level: config.logLevel, name: 'camnet-edge', redact: ['credential', 'enrolToken', 'password', 'url'] });
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const credential = await ensureCredential(config, opts.fetchImpl);
  const db = new Database(join(config.dataDir, 'edge.db'));
  const outbox = createSqliteOutbox(db); // applies WAL + synchronous=FULL to the shared connection
  const index = createSqliteSegmentIndex(db);
  const ffmpegPath = resolveFfmpegPath(config.ffmpegPath);
  const cameras = new Map(config.cameras.map((c) => [c.id, c]));
  let uplink: Uplink | null = null;
  const publish = (kind: string, payload: unknown, key: string) => {
    const r = outbox.enqueue(kind, payload, key);
    uplink?.notify();
    return r;
  };
  const onGap = (g: Gap) => publish('recording.gap', gapPayload(g), `recording.gap:${g.cameraId}:${g.startMs}${g.endMs === null ? '' : ':closed'}`);
  const recorderOf = new Map<string, CameraRecorder>();
  const recorders = config.cameras.filter((c) => c.record).map((c) => {
    const r = createCameraRecorder({
      cameraId: c.id, resolveSource: () => resolveSource(c), index, dir: join(config.dataDir, 'recordings', c.id), ffmpegPath,
      segmentSeconds: config.segmentSeconds, format: config.segmentFormat, stallMs: config.watchdogStallSeconds * 1000,
      log: (msg, extra) => log.warn(extra ?? {}, msg), onGap,
    });
    recorderOf.set(c.id, r);
    return r;
  });
  const clips = createClipService({
    index, ffmpegPath, workDir: join(config.dataDir, 'clips'), clipHoldMs: config.clipHoldHours * 3_600_000,
    camera: (id) => {
      const c = cameras.get(id);
      return c ? { masks: c.privacyMasks, resolveSource: () => resolveSource(c), liveSegmentPath: () => recorderOf.get(id)?.currentSegmentPath() ?? null } : null;
    },
  });
  const health = (): EdgeHealthSnapshot => ({ cameras: healthOf(config.cameras, recorders), diskUsedBytes: index.totalBytes(), diskBudgetBytes: diskBudgetBytes(config) });
  const sweep = () => runSweep(config, index, outbox, publish, log);
  recorders.forEach((r) => r.start());
  const sweeper = setInterval(sweep, config.retentionSweepSeconds * 1000);
  const hubUrl = config.hubUrl ?? credential?.hubUrl ?? null;
  if (hubUrl && credential) {
    const onCommand = createCommandHandler({ clips, index, hubUrl, credential: () => credential.credential, upload: uploadToHub });
    uplink = startUplink({
      hubUrl, credential: () => credential.credential, agentVersion: AGENT_VERSION, cameraIds: () => [...cameras.keys()], outbox, health, onCommand,
      heartbeatMs: config.heartbeatSeconds * 1000, backoff: { minMs: config.reconnectMinMs, maxMs: config.reconnectMaxMs },
      batchSize: config.outboxBatchSize, ackTimeoutMs: config.ackTimeoutSeconds * 1000, log: (msg, extra) => log.info(extra ?? {}, msg),
    });
  }
  log.info({ cameras: config.cameras.length, edgeId: credential?.edgeId ?? null, uplink: uplink !== null }, 'edge started');
  return {
    config, edgeId: credential?.edgeId ?? null, publish, outbox, index, clips, health,
    eventSink: createOutboxEventSink(outbox, () => uplink?.notify()),
    uplinkStatus: () => uplink?.status() ?? null,
    sweepRetention: sweep,
    async stop() {
      clearInterval(sweeper);
      await uplink?.stop();
      await Promise.all(recorders.map((r) => r.stop()));
      db.close();
    },
  };
}

/** The stored credential, or a fresh one from enrolment when a hub URL and token are configured. */
async function ensureCredential(config: EdgeConfig, fetchImpl?: typeof fetch): Promise<EdgeCredential | null> {
  const stored = loadCredential(config.dataDir);
  // A token is one-time: with a stored credential for the same hub it was already used; another hub re-enrols.
  if (stored && (!config.enrolToken || stored.hubUrl === config.hubUrl)) return stored;
  if (!config.hubUrl || !config.enrolToken) return stored;
  return enrolEdge({ hubUrl: config.hubUrl, token: config.enrolToken, dataDir: config.dataDir, fetchImpl });
}

/** A camera's source as ffmpeg opens it; an ONVIF camera is asked for its RTSP URI each time. */
async function resolveSource(c: EdgeCamera): Promise<DirectSource> {
  if (c.source.kind !== 'onvif') return c.source;
  const s = c.source;
  const streams = await getOnvifStreams({ hostname: s.hostname, port: s.port, username: s.username, password: s.password });
  const chosen = streams.find((x) => x.profileToken === s.profileToken) ?? streams[0];
  if (!chosen) throw new Error(`ONVIF camera ${s.hostname} reported no stream`);
  return { kind: 'rtsp', url: chosen.uri, transport: s.transport };
}

function healthOf(cameras: EdgeCamera[], recorders: CameraRecorder[]) {
  const byId = new Map(recorders.map((r) => [r.health().cameraId, r.health()]));
  return cameras.map((c) => byId.get(c.id) ?? { cameraId: c.id, online: false, fps: 0, lastFrameAt: null, recording: false, lastError: 'recording disabled' });
}

function runSweep(config: EdgeConfig, index: SegmentIndex, outbox: Outbox, publish: RunningEdge['publish'], log: Logger): void {
  try {
    const now = Date.now();
    const r = sweepRetention({ index, nowMs: now, retentionDays: new Map(config.cameras.map((c) => [c.id, c.retentionDays])), defaultRetentionDays: 30, budgetBytes: diskBudgetBytes(config) });
    r.deleted.forEach((d) => publish('recording.deleted', d, `recording.deleted:${d.cameraId}:${Date.parse(d.segmentStart)}`));
    if (r.unmetBytes > 0) log.warn({ unmetBytes: r.unmetBytes }, 'over disk budget: the rest is under holds');
    outbox.purgeAcknowledged(now - ACKED_OUTBOX_KEEP_MS);
  } catch (e) {
    log.error({ err: e }, 'retention sweep failed');
  }
}

function gapPayload(g: Gap) {
  return { cameraId: g.cameraId, start: new Date(g.startMs).toISOString(), end: g.endMs === null ? null : new Date(g.endMs).toISOString(), cause: g.cause };
}
