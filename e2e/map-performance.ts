/**
 * Map benchmark: 40,000 cameras in Chromium. Measures load (fetch + decode + cluster index + first draw),
 * then frame times while panning and zooming, at city scale (clusters) and street scale (cones).
 * Run: `node scripts/build-web.mjs --force && npx tsx e2e/map-performance.ts [--cameras 40000] [--real]`.
 * Default: the dashboard on the in-memory mock API. `--real`: the real system (`camnet up` on a temporary
 * data dir), filled through the CSV import API, so the hub's /cameras/map is part of the load figure.
 * Prints a Markdown table (copied into docs/map-performance.md). Not a timed test: it prints figures.
 */
import * as OTPAuth from 'otpauth';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newPage, screenshot, DESKTOP } from './support/browser.ts';
import { startMockHub } from './support/mock-hub.ts';
import { startCamnet } from './support/camnet-process.ts';
import { apiPost } from './support/api-client.ts';
import { syntheticCameras } from './support/mock-api.ts';
import { MfaEnrolPage, SetupPage } from './pages/auth-pages.ts';
import { TotpClock } from './support/totp.ts';

/** What the map page exposes for tests (packages/web/src/features/map/map-page.tsx). */
declare global {
  interface Window {
    camnetMap?: {
      map: { getZoom(): number; setView(centre: [number, number], zoom: number): void };
      layer: { stats: { recentMs: number[]; drawn: number } };
    };
  }
}

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const CAMERAS = arg('cameras', 40_000);

interface Sample {
  scenario: string;
  frames: number;
  seconds: number;
  medianFrameMs: number;
  p95FrameMs: number;
  maxFrameMs: number;
  medianDrawMs: number;
  p95DrawMs: number;
  drawnPerFrame: number;
}

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))]! : 0;
};

/** Runs `act` while the page records every animation frame's timestamp and the layer's draw times. */
async function measure(page: Page, scenario: string, act: () => Promise<void>): Promise<Sample> {
  // A string, not a function: tsx's name-keeping helper (__name) does not exist inside the page.
  await page.evaluate(`(() => {
    const run = (window.__run = (window.__run || 0) + 1);
    window.__frames = [];
    window.__rec = true;
    window.camnetMap.layer.stats.recentMs.length = 0;
    requestAnimationFrame(function tick(t) {
      if (!window.__rec || window.__run !== run) return;
      window.__frames.push(t);
      requestAnimationFrame(tick);
    });
  })()`);
  await act();
  const { frames, draws, drawn } = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __rec: boolean };
    w.__rec = false;
    const s = window.camnetMap!.layer.stats;
    return { frames: w.__frames, draws: [...s.recentMs], drawn: s.drawn };
  });
  const deltas = frames.slice(1).map((t, i) => t - frames[i]!);
  return {
    scenario,
    frames: deltas.length,
    seconds: (frames.at(-1)! - frames[0]!) / 1000,
    medianFrameMs: q(deltas, 0.5),
    p95FrameMs: q(deltas, 0.95),
    maxFrameMs: Math.max(...deltas),
    medianDrawMs: q(draws, 0.5),
    p95DrawMs: q(draws, 0.95),
    drawnPerFrame: drawn,
  };
}

async function drag(page: Page, dx: number, dy: number, steps: number): Promise<void> {
  const { width, height } = DESKTOP;
  const x0 = width * 0.6;
  const y0 = height * 0.5;
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(x0 + (dx * i) / steps, y0 + (dy * i) / steps);
    await page.waitForTimeout(8);
  }
  await page.mouse.up();
}

async function wheel(page: Page, notches: number, direction: 1 | -1): Promise<void> {
  await page.mouse.move(DESKTOP.width * 0.6, DESKTOP.height * 0.5);
  for (let i = 0; i < notches; i++) {
    await page.mouse.wheel(0, 120 * direction);
    await page.waitForTimeout(120);
  }
}

const REAL = process.argv.includes('--real');
const hub = REAL
  ? await startCamnet().then((c) => ({ url: c.url, setupPath: c.setupPath, close: c.stop }))
  : await startMockHub({ cameras: CAMERAS }).then((h) => ({ url: h.url, setupPath: `/setup?token=${h.setupToken}`, close: h.close }));

/** Fills the real hub through its import API, 5,000 lines a request (nothing is written if a line is bad). */
async function importCameras(context: BrowserContext): Promise<number> {
  const member = await apiPost<{ id: string }>(context, '/members', { name: 'Benchmark city', kind: 'agency' });
  const site = await apiPost<{ id: string }>(context, '/sites', { memberId: member.id, name: 'Benchmark site', address: '1 Bench St', lat: 41.88, lon: -87.63 });
  const session = (await (await context.request.get('/api/v1/auth/session')).json()) as { csrfToken: string };
  const cams = syntheticCameras(CAMERAS);
  const t0 = Date.now();
  for (let i = 0; i < cams.length; i += 5000) {
    const lines = cams.slice(i, i + 5000).map((c) => [c.name, site.id, c.lat, c.lon, c.headingDeg, c.fovDeg, c.rangeM, 'on_request', c.status !== 'pending_attestation'].join(','));
    const res = await context.request.post('/api/v1/cameras/import?dryRun=false', {
      data: ['name,siteId,lat,lon,headingDeg,fovDeg,rangeM,sharingMode,publicViewAttested', ...lines].join('\n'),
      headers: { 'Content-Type': 'text/csv', 'X-CSRF-Token': session.csrfToken },
      timeout: 300_000,
    });
    if (!res.ok()) throw new Error(`import → ${res.status()} ${(await res.text()).slice(0, 500)}`);
  }
  return Date.now() - t0;
}

const browser = await launchBrowser();
try {
  const { page, context } = await newPage(browser, hub.url, DESKTOP);
  await new SetupPage(page).open(hub.setupPath);
  await new SetupPage(page).createAdmin({ name: 'Bench', email: 'bench@example.org', password: 'benchmark password 1' });
  const enrol = new MfaEnrolPage(page);
  await enrol.waitForQrCode();
  const totp = new TotpClock(new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(await enrol.secret()) }));
  await enrol.confirm(await totp.freshCode());
  await enrol.finish();
  await page.getByRole('heading', { name: 'Camera map' }).waitFor();
  if (REAL) console.log(`imported ${CAMERAS} cameras into the real hub in ${await importCameras(context)} ms`);

  // Load: a fresh navigation to the map until every camera is drawn (clustered).
  const t0 = Date.now();
  await page.goto('/map');
  await page.waitForFunction((n) => Number(document.querySelector('.map')?.getAttribute('data-cameras')) === n, CAMERAS, { timeout: 60_000 });
  await page.waitForFunction(() => Number(document.querySelector('.camera-canvas')?.getAttribute('data-drawn')) > 0);
  const loadMs = Date.now() - t0;
  const bytes = await page.evaluate(() => (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((e) => e.name.includes('/cameras/map'))?.encodedBodySize ?? 0);

  const indexMs = await page.evaluate(() => performance.getEntriesByName('camnet.map.index').at(-1)?.duration ?? 0);
  const samples: Sample[] = [];
  const zoom = () => page.evaluate(() => window.camnetMap!.map.getZoom());
  const cityZoom = await zoom();
  samples.push(await measure(page, `pan, city view (zoom ${cityZoom}, clusters)`, () => drag(page, -500, -250, 120)));
  const zooms: number[] = [];
  samples.push(await measure(page, 'wheel zoom in, then out (city ↔ street)', async () => {
    await wheel(page, 6, -1);
    zooms.push(await zoom());
    await wheel(page, 6, 1);
    zooms.push(await zoom());
  }));
  samples.at(-1)!.scenario += ` (zoom ${cityZoom} → ${zooms[0]} → ${zooms[1]})`;
  await page.evaluate(() => window.camnetMap!.map.setView([41.88, -87.63], 16));
  samples.push(await measure(page, 'pan, neighbourhood (zoom 16, every camera with its cone)', () => drag(page, -500, -250, 120)));
  await page.evaluate(() => window.camnetMap!.map.setView([41.88, -87.63], 14));
  samples.push(await measure(page, 'pan, district (zoom 14, clusters)', () => drag(page, -500, -250, 120)));

  // Pictures of what was measured, for a person to look at.
  await page.evaluate(() => window.camnetMap!.map.setView([41.88, -87.63], 11));
  await page.waitForTimeout(300);
  await screenshot(page, 'map-40k-city');
  await page.evaluate(() => window.camnetMap!.map.setView([41.88, -87.63], 14));
  await page.waitForTimeout(300);
  await screenshot(page, 'map-40k-district');
  await page.evaluate(() => window.camnetMap!.map.setView([41.88, -87.63], 17));
  await page.waitForTimeout(300);
  await screenshot(page, 'map-40k-street');

  const f = (n: number) => n.toFixed(1);
  console.log(`\n${REAL ? 'Real hub (camnet up, SQLite)' : 'Mock API'}; cameras: ${CAMERAS.toLocaleString()}; /cameras/map body: ${(bytes / 1024 / 1024).toFixed(2)} MiB; load to first full draw: ${loadMs} ms (decode + cluster index in the page: ${indexMs.toFixed(0)} ms)\n`);
  console.log('| scenario | frames | median frame (ms) | p95 frame (ms) | worst frame (ms) | median draw (ms) | p95 draw (ms) | items drawn |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const s of samples) {
    console.log(`| ${s.scenario} | ${s.frames} | ${f(s.medianFrameMs)} | ${f(s.p95FrameMs)} | ${f(s.maxFrameMs)} | ${f(s.medianDrawMs)} | ${f(s.p95DrawMs)} | ${s.drawnPerFrame} |`);
  }
} finally {
  await browser.close();
  await hub.close();
}
