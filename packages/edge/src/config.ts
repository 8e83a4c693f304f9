import { readFileSync } from 'node:fs';
import { MASK_MODES, privacyMaskSchema } from '@camnet/core';
import { z } from 'zod';
import { cameraAiConfigSchema } from './camera-ai/camera-ai-config.ts';
import { cameraSourceSchema } from './sources/camera-source.ts';

/** One camera this edge records: where its video comes from and how long it is kept. */
export const edgeCameraSchema = z.object({
  id: z.string().min(1).max(100).regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, . _ - only').describe('Camera id (the hub registry id)'),
  name: z.string().max(120).default('').describe('Human name, for logs'),
  source: cameraSourceSchema.describe('Where the video comes from'),
  record: z.boolean().default(true).describe('Record continuously into segments'),
  retentionDays: z.number().int().min(1).max(365).default(30).describe('Keep recordings this many days (holds excepted)'),
  privacyMasks: z.array(privacyMaskSchema).max(16).default([]).describe('Polygons (normalised 0..1) blacked out in snapshots and clips'),
  maskMode: z.enum(MASK_MODES).default('overlay').describe('burn: masks are also burned into recordings (re-encodes: costs CPU)'),
});
export type EdgeCamera = z.infer<typeof edgeCameraSchema>;

/** Which object detector the vision pipeline runs: CenterNet ships in npm; an ONNX YOLO model is brought by the user. */
export const detectorConfigSchema = z.object({
  kind: z.enum(['centernet', 'onnx-yolo']).default('centernet').describe('centernet (default, ships in npm) or onnx-yolo (YOLOv5/v8-family ONNX file)'),
  modelPath: z.string().min(1).nullable().default(null).describe('onnx-yolo: path of the .onnx model'),
  inputSize: z.number().int().min(32).max(2048).default(640).describe('onnx-yolo: square input side the model was exported with'),
  workers: z.number().int().min(1).max(8).default(2).describe('Detector workers (or ONNX sessions) shared by all cameras, one core each'),
}).refine((d) => d.kind !== 'onnx-yolo' || d.modelPath !== null, { message: 'onnx-yolo needs modelPath', path: ['modelPath'] });

/** The edge process's whole configuration: every field has a default, bounds and a description. */
export const edgeConfigSchema = z.object({
  dataDir: z.string().min(1).default('./camnet-edge-data').describe('Where the edge keeps its database, credential and recordings'),
  hubUrl: z.string().url().nullable().default(null).describe('Hub base URL (http(s)://host:port); null runs without uplink'),
  enrolToken: z.string().min(1).nullable().default(null).describe('One-time enrolment token from the hub (secret); used once'),
  ffmpegPath: z.string().min(1).nullable().default(null).describe('ffmpeg binary; null: /usr/bin/ffmpeg, else @ffmpeg-installer'),
  diskBudgetGiB: z.number().min(0.01).max(1_000_000).default(20).describe('Disk the recordings of all cameras may use; oldest evicted first'),
  segmentSeconds: z.number().int().min(2).max(600).default(60).describe('Length of one recorded segment'),
  segmentFormat: z.enum(['fmp4', 'mp4']).default('fmp4').describe('fmp4 stays playable up to a crash; mp4 is finalised per segment'),
  retentionSweepSeconds: z.number().int().min(5).max(3600).default(60).describe('How often retention runs'),
  watchdogStallSeconds: z.number().int().min(3).max(30).default(20).describe('Restart an ffmpeg whose output stops growing this long'),
  heartbeatSeconds: z.number().min(0.1).max(60).default(10).describe('Heartbeat interval to the hub'),
  reconnectMinMs: z.number().int().min(10).max(60_000).default(1000).describe('First reconnect delay (jittered, doubling)'),
  reconnectMaxMs: z.number().int().min(100).max(600_000).default(60_000).describe('Longest reconnect delay'),
  outboxBatchSize: z.number().int().min(1).max(1000).default(200).describe('Most outbox items in one events message'),
  ackTimeoutSeconds: z.number().int().min(1).max(300).default(30).describe('Reconnect if a batch is not acknowledged this long'),
  clipHoldHours: z.number().min(0).max(24 * 365).default(24).describe('A requested clip window is held from retention this long'),
  cameras: z.array(edgeCameraSchema).max(64).default([]).describe('Cameras recorded by this edge'),
  cameraAi: cameraAiConfigSchema.default({ push: null, onvif: [] }).describe('Events from cameras with built-in AI: HTTP push endpoint, ONVIF analytics (docs/camera-ai.md); off by default'),
  detector: detectorConfigSchema.default({ kind: 'centernet', modelPath: null, inputSize: 640, workers: 2 }).describe('Object detector of the vision pipeline'),
  vision: z.object({
    enabled: z.boolean().default(true).describe('Describe passing vehicles (type, colour, plate) on every camera with continuous video'),
    fps: z.number().min(0.5).max(15).default(4).describe('Frames per second decoded for the vision pipeline (recording is separate and keeps every frame)'),
    width: z.number().int().min(320).max(1920).default(960).describe('Frames are scaled to at most this width before analysis'),
    plates: z.boolean().default(true).describe('Read licence plates (PaddleOCR ONNX)'),
  }).prefault({}).describe('The vehicle pipeline (DESIGN.md §5); no face recognition anywhere'),
  logLevel: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'silent']).default('info').describe('Log level'),
});
/** Parsed edge configuration (defaults applied). */
export type EdgeConfig = z.infer<typeof edgeConfigSchema>;
/** Edge configuration as written by a person (every field optional). */
export type EdgeConfigInput = z.input<typeof edgeConfigSchema>;

const ENV: Record<string, keyof EdgeConfig> = {
  CAMNET_EDGE_DATA_DIR: 'dataDir',
  CAMNET_HUB_URL: 'hubUrl',
  CAMNET_ENROL_TOKEN: 'enrolToken',
  CAMNET_FFMPEG_PATH: 'ffmpegPath',
  CAMNET_EDGE_DISK_BUDGET_GIB: 'diskBudgetGiB',
  CAMNET_EDGE_SEGMENT_SECONDS: 'segmentSeconds',
  CAMNET_LOG_LEVEL: 'logLevel',
};
const NUMERIC = new Set<keyof EdgeConfig>(['diskBudgetGiB', 'segmentSeconds']);

/** Config from (lowest first) defaults, a JSON file, `CAMNET_*` environment, then explicit overrides. */
export function loadEdgeConfig(opts: { file?: string; env?: NodeJS.ProcessEnv; overrides?: EdgeConfigInput } = {}): EdgeConfig {
  const fromFile = opts.file ? (JSON.parse(readFileSync(opts.file, 'utf8')) as EdgeConfigInput) : {};
  const fromEnv: Record<string, unknown> = {};
  // CAMNET_EDGE_VISION=off turns the vehicle pipeline off (recording and everything else stay on).
  if (opts.env?.CAMNET_EDGE_VISION) fromEnv.vision = { enabled: !/^(0|off|false|no)$/i.test(opts.env.CAMNET_EDGE_VISION) };
  for (const [name, key] of Object.entries(ENV)) {
    const value = opts.env?.[name];
    if (value !== undefined && value !== '') fromEnv[key] = NUMERIC.has(key) ? Number(value) : value;
  }
  return edgeConfigSchema.parse({ ...fromFile, ...fromEnv, ...opts.overrides });
}

/** The disk budget in bytes. */
export function diskBudgetBytes(config: Pick<EdgeConfig, 'diskBudgetGiB'>): number {
  return Math.floor(config.diskBudgetGiB * 1024 ** 3);
}
