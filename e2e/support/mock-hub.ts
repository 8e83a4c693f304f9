/**
 * Serves the built dashboard (packages/web/dist, SPA fallback) and the in-memory mock API on one port.
 * Dev use: `npx tsx e2e/support/mock-hub.ts --port 5180 [--cameras 40000]`.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMockApi, syntheticCameras } from './mock-api.ts';

const DIST = fileURLToPath(new URL('../../packages/web/dist/', import.meta.url));
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2' };

export async function startMockHub(opts: { port?: number; cameras?: number; setupToken?: string } = {}): Promise<{ url: string; setupToken: string; close(): Promise<void> }> {
  const setupToken = opts.setupToken ?? 'mock-setup-token';
  const api = createMockApi({ setupToken, cameras: syntheticCameras(opts.cameras ?? 0) });
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname.startsWith('/api/v1/')) {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const raw = Buffer.concat(chunks).toString('utf8');
      const isJson = (req.headers['content-type'] ?? '').includes('json') && !(req.headers['content-type'] ?? '').includes('geo+json');
      const body = raw && isJson ? JSON.parse(raw) : { text: raw };
      const sid = /(?:^|; )sid=([^;]+)/.exec(req.headers.cookie ?? '')?.[1] ?? null;
      const r = await api(req.method ?? 'GET', url.pathname.slice(7), url.searchParams, body, sid, (req.headers['x-csrf-token'] as string) ?? null);
      res.writeHead(r.status, { 'Content-Type': 'application/json', ...r.headers });
      res.end(r.body === undefined ? undefined : JSON.stringify(r.body));
      return;
    }
    const file = normalize(join(DIST, url.pathname));
    const target = file.startsWith(DIST) && extname(file) ? file : join(DIST, 'index.html');
    try {
      const data = await readFile(target);
      res.writeHead(200, { 'Content-Type': TYPES[extname(target)] ?? 'application/octet-stream' });
      res.end(data);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { url: `http://127.0.0.1:${port}`, setupToken, close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name: string) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : undefined; };
  const hub = await startMockHub({ port: arg('port') ?? 5180, cameras: arg('cameras') ?? 0 });
  console.log(`mock hub at ${hub.url}  set-up link: ${hub.url}/setup?token=${hub.setupToken}`);
}

/** The mock hub in the shape of a running `camnet up` (development only; CI runs the real system). */
export async function startMockCamnet(cameras = 0): Promise<{ url: string; setupPath: string; output(): string; stop(): Promise<void> }> {
  const hub = await startMockHub({ cameras });
  return { url: hub.url, setupPath: `/setup?token=${hub.setupToken}`, output: () => '', stop: hub.close };
}
