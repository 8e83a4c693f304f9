import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CameraHealth, CamerasConfig, PictureCheck } from '@camnet/core';
import Database from 'better-sqlite3';
import pino, { type Logger } from 'pino';
import { startCameraAi } from './camera-ai/start-camera-ai.ts';
import { createClipService, type ClipService } from './clips/clip-service.ts';
import { diskBudgetBytes, edgeConfigSchema, type EdgeCamera, type EdgeConfig, type EdgeConfigInput } from './config.ts';
import { createVisionRunner } from './vision-runner.ts';
import { createOutboxEventSink } from './outbox/outbox-event-sink.ts';
import type { Outbox } from './outbox/outbox.ts';
import { createSqliteOutbox } from './outbox/sqlite-outbox.ts';
import { createCameraRecorder } from './recording/camera-recorder.ts';
import { createRecorderPool, type RecorderPool } from './recording/recorder-pool.ts';
import { sweepRetention } from './recording/retention-sweeper.ts';
import type { Gap, SegmentIndex } from './recording/segment-index.ts';
import { createSqliteSegmentIndex } from './recording/sqlite-segment-index.ts';
import { resolveFfmpegPath } from './sources/ffmpeg-binary.ts';
import { camerasFromHub, loadHubCameras, saveHubCameras } from './sources/hub-cameras.ts';
import { resolveSource } from './sources/resolve-source.ts';
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
  /** Each camera's vision pipeline figures (frames, detector runs, events, ms per stage), null until it runs. */
  visionStats(): Record<string, unknown>;
  /** Base URL of the camera-AI push endpoint (docs/camera-ai.md), null when it is off. */
  cameraAiPushUrl: string | null;
  outbox: Outbox;
  index: SegmentIndex;
  clips: ClipService;
  /** The cameras served now: the config file's, then the hub's list (the hub wins on the same id). */
  cameras(): EdgeCamera[];
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

/** The edge's cameras: static ones from its config file, and the hub's list (kept on disk for outages). */
function createCameraSet(config: EdgeConfig) {
  let hub = camerasFromHub(loadHubCameras(config.dataDir) ?? []);
  const list = (): EdgeCamera[] => {
    const fromHub = hub.filter((c): c is EdgeCamera => c.source !== null);
    const ids = new Set(hub.map((c) => c.id));
    return [...config.cameras.filter((c) => !ids.has(c.id)), ...fromHub];
  };
  return {
    list,
    get: (id: string) => list().find((c) => c.id === id) ?? null,
    /** Hub cameras without a usable stream URL: reported offline, not recorded. */
    unstreamed: () => hub.filter((c) => c.source === null).map((c) => c.id),
    setFromHub(msg: CamerasConfig) {
      saveHubCameras(config.dataDir, msg.cameras);
      hub = camerasFromHub(msg.cameras);
    },
  };
}
type CameraSet = ReturnType<typeof createCameraSet>;

/**
 * Starts the edge: opens its database, enrols if it has a token and no credential, records every camera (the
 * config file's and those the hub assigns), runs retention, and keeps the uplink to the hub. `stop()` ends it all.
 */
export async function startEdge(input: EdgeConfigInput, opts: StartEdgeOptions = {}): Promise<RunningEdge> {
  const config = edgeConfigSchema.parse(input);
  const log = opts.logger ?? pino({ level: config.logLevel, name: 'camnet-edge' });
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const credential = await ensureCredential(config, opts.fetchImpl);
  const db = new Database(join(config.dataDir, 'edge.db'));
  const outbox = createSqliteOutbox(db); // applies WAL + synchronous=FULL to the shared connection
  const index = createSqliteSegmentIndex(db);
  const ffmpegPath = resolveFfmpegPath(config.ffmpegPath);
  const cameras = createCameraSet(config);
  let uplink: Uplink | null = null;
  const publish = (kind: string, payload: unknown, key: string) => {
    const r = outbox.enqueue(kind, payload, key);
    uplink?.notify();
    return r;
  };
  // Camera-AI sources first: a push port already in use fails the start before any recorder runs.
  const cameraAi = await startCameraAi({ config: config.cameraAi, publish, log: (msg, extra) => log.info(extra ?? {}, msg) }).catch((e: unknown) => {
    db.close();
    throw e;
  });
  const pool = createPool(config, index, ffmpegPath, publish, log);
  const clips = createClipService({
    index, ffmpegPath, workDir: join(config.dataDir, 'clips'), clipHoldMs: config.clipHoldHours * 3_600_000,
    camera: (id) => {
      const c = cameras.get(id);
      return c ? { masks: c.privacyMasks, resolveSource: () => resolveSource(c.source), liveSegmentPath: () => pool.get(id)?.currentSegmentPath() ?? null } : null;
    },
  });
  const sweep = () => runSweep(config, cameras, index, outbox, publish, log);
  const eventSink = createOutboxEventSink(outbox, () => uplink?.notify());
  const vision = createVisionRunner(config, eventSink, ffmpegPath, log);
  const health = (): EdgeHealthSnapshot => ({ cameras: healthOf(cameras, pool, vision.stats()), diskUsedBytes: index.totalBytes(), diskBudgetBytes: diskBudgetBytes(config) });
  const applyCameras = async () => {
    await pool.apply(cameras.list().map((c) => ({ ...c, burnMasks: c.maskMode === 'burn' ? c.privacyMasks : [] })));
    void vision.apply(cameras.list());
  };
  await applyCameras();
  const sweeper = setInterval(sweep, config.retentionSweepSeconds * 1000);
  const hubUrl = config.hubUrl ?? credential?.hubUrl ?? null;
  if (hubUrl && credential) {
    const onCamerasConfig = (msg: CamerasConfig) => {
      cameras.setFromHub(msg);
      void applyCameras();
    };
    uplink = startUplink({
      hubUrl, credential: () => credential.credential, agentVersion: AGENT_VERSION, cameraIds: () => cameras.list().map((c) => c.id), outbox, health,
      onCommand: createCommandHandler({ clips, index, hubUrl, credential: () => credential.credential, upload: uploadToHub }), onCamerasConfig,
      heartbeatMs: config.heartbeatSeconds * 1000, backoff: { minMs: config.reconnectMinMs, maxMs: config.reconnectMaxMs },
      batchSize: config.outboxBatchSize, ackTimeoutMs: config.ackTimeoutSeconds * 1000, log: (msg, extra) => log.info(extra ?? {}, msg),
    });
  }
  if (config.hubUrl && !credential) log.warn('not enrolled with the hub: start once with an enrolment token (camnet edge --hub URL --token T)');
  log.info({ cameras: cameras.list().length, edgeId: credential?.edgeId ?? null, uplink: uplink !== null }, 'edge started');
  return {
    config, edgeId: credential?.edgeId ?? null, publish, outbox, index, clips, health, cameras: cameras.list,
    eventSink,
    visionStats: vision.stats,
    cameraAiPushUrl: cameraAi.pushUrl,
    uplinkStatus: () => uplink?.status() ?? null,
    sweepRetention: sweep,
    async stop() {
      clearInterval(sweeper);
      await vision.stop();
      await cameraAi.stop();
      await uplink?.stop();
      await pool.stopAll();
      db.close();
    },
  };
}

/** The recorder pool; each recorder reports its gaps to the hub through the outbox. */
function createPool(config: EdgeConfig, index: SegmentIndex, ffmpegPath: string, publish: RunningEdge['publish'], log: Logger): RecorderPool {
  const onGap = (g: Gap) => publish('recording.gap', gapPayload(g), `recording.gap:${g.cameraId}:${g.startMs}${g.endMs === null ? '' : ':closed'}`);
  return createRecorderPool((c) =>
    createCameraRecorder({
      cameraId: c.id, resolveSource: () => resolveSource(c.source), index, dir: join(config.dataDir, 'recordings', c.id), ffmpegPath,
      segmentSeconds: config.segmentSeconds, format: config.segmentFormat, stallMs: config.watchdogStallSeconds * 1000,
      log: (msg, extra) => log.warn(extra ?? {}, msg), onGap, burnMasks: c.burnMasks ?? [],
    }),
  );
}

/** The stored credential, or a fresh one from enrolment when a hub URL and token are configured. */
async function ensureCredential(config: EdgeConfig, fetchImpl?: typeof fetch): Promise<EdgeCredential | null> {
  const stored = loadCredential(config.dataDir);
  // A token is one-time: with a stored credential for the same hub it was already used; another hub re-enrols.
  if (stored && (!config.enrolToken || stored.hubUrl === config.hubUrl)) return stored;
  if (!config.hubUrl || !config.enrolToken) return stored;
  return enrolEdge({ hubUrl: config.hubUrl, token: config.enrolToken, dataDir: config.dataDir, fetchImpl });
}

/** Each camera's recorder health, with what its vision pipeline saw of the picture (`picture`) where one runs. */
function healthOf(cameras: CameraSet, pool: RecorderPool, vision: Record<string, { picture: PictureCheck } | null>): CameraHealth[] {
  const off = (cameraId: string, lastError: string) => ({ cameraId, online: false, fps: 0, lastFrameAt: null, recording: false, lastError });
  const picture = (id: string) => (vision[id] ? { picture: vision[id].picture } : {});
  return [
    ...cameras.list().map((c) => ({ ...(pool.get(c.id)?.health() ?? off(c.id, 'recording_disabled')), ...picture(c.id) })),
    ...cameras.unstreamed().map((id) => off(id, 'no_stream_url')),
  ];
}

function runSweep(config: EdgeConfig, cameras: CameraSet, index: SegmentIndex, outbox: Outbox, publish: RunningEdge['publish'], log: Logger): void {
  try {
    const now = Date.now();
    const retentionDays = new Map(cameras.list().map((c) => [c.id, c.retentionDays]));
    const r = sweepRetention({ index, nowMs: now, retentionDays, defaultRetentionDays: 30, budgetBytes: diskBudgetBytes(config) });
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
