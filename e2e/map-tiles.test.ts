/** The map with a configured tile server: tiles load (the hub's CSP allows their origin) and cones draw on top. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as OTPAuth from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiPost } from './support/api-client.ts';
import { DESKTOP, launchBrowser, newPage, screenshot } from './support/browser.ts';
import { startCamnet, type RunningCamnet } from './support/camnet-process.ts';
import { startTileServer } from './support/tile-server.ts';
import { TotpClock } from './support/totp.ts';
import { MfaEnrolPage, SetupPage } from './pages/auth-pages.ts';
import { MapPage } from './pages/map-page.ts';

describe('map with a tile server', () => {
  let tiles: Awaited<ReturnType<typeof startTileServer>>;
  let camnet: RunningCamnet;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    tiles = await startTileServer();
    camnet = await startCamnet({ env: { CAMNET_MAP_TILE_URL: tiles.template } });
    browser = await launchBrowser();
    ({ context, page } = await newPage(browser, camnet.url, DESKTOP));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await camnet?.stop();
    await tiles?.close();
  });

  test('tiles load under the cameras', { timeout: 180_000 }, async () => {
    const setup = new SetupPage(page);
    await setup.open(camnet.setupPath);
    await setup.createAdmin({ name: 'Tia Tiles', email: 'tia@example.org', password: 'tiles are configured' });
    const enrol = new MfaEnrolPage(page);
    await enrol.waitForQrCode();
    const totp = new TotpClock(new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(await enrol.secret()) }));
    await enrol.confirm(await totp.freshCode());
    await enrol.finish();

    const member = await apiPost<{ id: string }>(context, '/members', { name: 'Pharmacy', kind: 'business' });
    const site = await apiPost<{ id: string }>(context, '/sites', { memberId: member.id, name: 'Pharmacy corner', address: '1 High St', lat: 51.5072, lon: -0.1276 });
    for (const [name, headingDeg] of [['Pharmacy door', 30], ['Pharmacy car park', 250]] as const) {
      await apiPost(context, '/cameras', { siteId: site.id, name, lat: 51.5072, lon: -0.1276, headingDeg, fovDeg: 80, rangeM: 40, publicViewAttested: true });
    }

    await page.goto('/map');
    const map = new MapPage(page);
    expect(await map.waitForCameras(2)).toBe(2);
    await page.waitForFunction(() => document.querySelectorAll('.leaflet-tile-loaded').length > 0);
    expect(tiles.requests()).toBeGreaterThan(0);
    expect(await page.locator('.map--plain').count()).toBe(0);
    await screenshot(page, 'desktop-12-map-with-tiles');
  });
});
