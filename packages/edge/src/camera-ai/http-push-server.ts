import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpPushConfig } from './camera-ai-config.ts';
import { CameraAiEventError, publishCameraAiEvent, type CameraAiPublish } from './camera-ai-event.ts';
import { parsePushBody, PUSH_FORMATS, type PushFormat } from './push-payload.ts';

/** What the push server needs: its config, the outbox, a logger. */
export interface HttpPushServerDeps {
  config: HttpPushConfig;
  publish: CameraAiPublish;
  log?: (msg: string, extra?: Record<string, unknown>) => void;
}

/** A listening push endpoint. */
export interface HttpPushServer {
  /** Base URL, e.g. http://127.0.0.1:8788 */
  url: string;
  stop(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

const PATH = /^\/api\/v1\/camera-ai\/([a-z-]+)$/;

/**
 * Listens for cameras' vehicle/plate events: POST /api/v1/camera-ai/<format> with a JSON body, authenticated per
 * camera (Bearer secret or HTTP basic camera-id:secret). Each valid event goes to the outbox once.
 */
export function startHttpPushServer({ config, publish, log = () => undefined }: HttpPushServerDeps): Promise<HttpPushServer> {
  const auth = createAuthenticator(config.cameras);
  const server = createServer((req, res) => {
    handle(req, auth, config.maxBodyKiB * 1024, publish)
      .then((r) => reply(res, r.status, r.body))
      .catch((e: unknown) => {
        const err = e instanceof HttpError ? e : e instanceof CameraAiEventError ? new HttpError(e.id === 'camera_mismatch' ? 403 : 400, e.id, e.message, e.details) : null;
        if (!err) log('camera-ai push failed', { err: String(e) });
        const out = err ?? new HttpError(500, 'internal', 'the event could not be stored; retry later');
        reply(res, out.status, { error: { id: out.id, message: out.message, ...(out.details ? { details: out.details } : {}) } });
      });
  });
  server.requestTimeout = 30_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      const { port } = server.address() as AddressInfo;
      const host = config.host.includes(':') ? `[${config.host}]` : config.host;
      log('camera-ai push endpoint listening', { host: config.host, port });
      resolve({ url: `http://${host}:${port}`, stop: () => new Promise<void>((r) => server.close(() => r()).closeAllConnections()) });
    });
  });
}

// Order: route → authenticate → read (bounded) → parse JSON → validate and map → outbox (one insert, or nothing).
async function handle(req: IncomingMessage, auth: Authenticator, maxBytes: number, publish: CameraAiPublish) {
  const format = route(req);
  const cameraId = auth(req.headers.authorization);
  if (!cameraId) throw new HttpError(401, 'camera_ai_unauthenticated', 'send the camera secret as "Authorization: Bearer <secret>" or HTTP basic <cameraId>:<secret>');
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) throw new HttpError(415, 'unsupported_media_type', 'send Content-Type: application/json');
  const body = parseJson(await readBody(req, maxBytes));
  const r = publishCameraAiEvent(publish, parsePushBody(format, cameraId, body));
  return { status: r.duplicate ? 200 : 201, body: { key: r.key, duplicate: r.duplicate, localId: r.event.localId } };
}

function route(req: IncomingMessage): PushFormat {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const format = PATH.exec(path)?.[1];
  if (!format || !(PUSH_FORMATS as readonly string[]).includes(format)) {
    throw new HttpError(404, 'not_found', `no such endpoint; POST to ${PUSH_FORMATS.map((f) => `/api/v1/camera-ai/${f}`).join(' or ')}`);
  }
  if (req.method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'use POST');
  return format as PushFormat;
}

function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) return Promise.reject(new HttpError(413, 'body_too_large', `the body is over ${maxBytes} bytes`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) {
        reject(new HttpError(413, 'body_too_large', `the body is over ${maxBytes} bytes`));
        req.removeAllListeners('data');
        req.resume();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseJson(buf: Buffer): unknown {
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch {
    throw new HttpError(400, 'invalid_json', 'the body is not valid JSON');
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...(status === 401 ? { 'www-authenticate': 'Basic realm="camnet camera-ai"' } : {}) });
  res.end(JSON.stringify(body));
}

type Authenticator = (header: string | undefined) => string | null;

/** Bearer <secret> names the camera by its secret; Basic <cameraId>:<secret> names it outright. Constant-time compares. */
function createAuthenticator(cameras: HttpPushConfig['cameras']): Authenticator {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  const known = cameras.map((c) => ({ id: c.cameraId, secret: digest(c.secret) }));
  return (header) => {
    const [scheme, value = ''] = (header ?? '').trim().split(/\s+/, 2);
    if (/^bearer$/i.test(scheme ?? '')) {
      const d = digest(value);
      return known.find((c) => timingSafeEqual(c.secret, d))?.id ?? null;
    }
    if (/^basic$/i.test(scheme ?? '')) {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const d = digest(decoded.slice(colon + 1));
      const cam = known.find((c) => c.id === decoded.slice(0, colon));
      return colon > 0 && cam && timingSafeEqual(cam.secret, d) ? cam.id : null;
    }
    return null;
  };
}
