import { z } from 'zod';

/** An RTSP camera; `transport` picks RTP over the RTSP TCP connection (works through NAT) or UDP. */
export const rtspSourceSchema = z.object({
  kind: z.literal('rtsp'),
  url: z.string().regex(/^rtsps?:\/\//, 'an rtsp:// or rtsps:// URL').describe('Stream URL, credentials included (secret)'),
  transport: z.enum(['tcp', 'udp']).default('tcp').describe('RTP transport; tcp survives NAT and packet loss better'),
});

/** A camera serving multipart MJPEG over HTTP. */
export const mjpegSourceSchema = z.object({
  kind: z.literal('mjpeg'),
  url: z.string().regex(/^https?:\/\//, 'an http(s):// URL').describe('multipart/x-mixed-replace MJPEG URL (secret)'),
});

/** A camera that only answers single JPEGs; the edge polls it. */
export const snapshotSourceSchema = z.object({
  kind: z.literal('snapshot'),
  url: z.string().regex(/^https?:\/\//, 'an http(s):// URL').describe('URL returning one JPEG per GET (secret)'),
  intervalMs: z.number().int().min(100).max(60_000).default(1000).describe('Polling interval in milliseconds'),
});

/** An HTTP camera of unknown kind: at start the edge looks at its Content-Type (MJPEG stream or single JPEG). */
export const httpSourceSchema = z.object({
  kind: z.literal('http'),
  url: z.string().regex(/^https?:\/\//, 'an http(s):// URL').describe('MJPEG or JPEG snapshot URL (secret)'),
});

/** A local video file played in real time and looped forever: demos and tests. */
export const fileSourceSchema = z.object({
  kind: z.literal('file'),
  path: z.string().min(1).describe('Path to a video file ffmpeg can read'),
  loop: z.boolean().default(true).describe('Loop the file forever (-stream_loop -1)'),
});

/** An ONVIF camera: the edge asks it for its RTSP URI (GetStreamUri) at start, then records that. */
export const onvifSourceSchema = z.object({
  kind: z.literal('onvif'),
  hostname: z.string().min(1).describe('Camera host name or IP'),
  port: z.number().int().min(1).max(65535).default(80).describe('ONVIF device service HTTP port'),
  username: z.string().default('').describe('ONVIF user'),
  password: z.string().default('').describe('ONVIF password (secret)'),
  profileToken: z.string().nullable().default(null).describe('Media profile; null picks the first'),
  transport: z.enum(['tcp', 'udp']).default('tcp').describe('RTP transport for the resolved RTSP stream'),
});

/** Where a camera's video comes from. */
export const cameraSourceSchema = z.discriminatedUnion('kind', [
  rtspSourceSchema,
  mjpegSourceSchema,
  snapshotSourceSchema,
  httpSourceSchema,
  fileSourceSchema,
  onvifSourceSchema,
]);
export type CameraSource = z.infer<typeof cameraSourceSchema>;
/** A source ffmpeg can open directly (ONVIF resolved to RTSP, plain HTTP to MJPEG or snapshot, first). */
export type DirectSource = Exclude<CameraSource, { kind: 'onvif' | 'http' }>;

/** The source with secrets replaced, for logs and the hub: `rtsp://user:***@host/...`. */
export function redactSource(source: CameraSource): string {
  if (source.kind === 'file') return `file:${source.path}`;
  if (source.kind === 'onvif') return `onvif://${source.hostname}:${source.port}`;
  return redactUrl(source.url);
}

/** A URL with its password (and query string, which often carries tokens) hidden. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    if (u.search) u.search = '?***';
    return u.toString();
  } catch {
    return '[unparseable url]';
  }
}
