/** A stand-in XYZ tile server: every tile is a small SVG with its z/x/y, and every request is counted. */
import { createServer } from 'node:http';

export async function startTileServer(): Promise<{ template: string; requests(): number; close(): Promise<void> }> {
  let count = 0;
  const server = createServer((req, res) => {
    const m = /^\/(\d+)\/(\d+)\/(\d+)\.svg$/.exec(req.url ?? '');
    if (!m) return void res.writeHead(404).end();
    count++;
    const [, z, x, y] = m;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><rect width="256" height="256" fill="#d9e4d0" stroke="#9fb39a"/><path d="M0 128H256M128 0V256" stroke="#ffffff" stroke-width="10"/><text x="8" y="20" font-family="sans-serif" font-size="12" fill="#556">${z}/${x}/${y}</text></svg>`;
    res.writeHead(200, { 'Content-Type': 'image/svg+xml', 'Access-Control-Allow-Origin': '*' });
    res.end(svg);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    template: `http://127.0.0.1:${port}/{z}/{x}/{y}.svg`,
    requests: () => count,
    close: () => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}
