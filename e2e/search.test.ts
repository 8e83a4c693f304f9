/**
 * Vehicle search end to end in Chromium against the real system (`camnet up --demo`, issue 5): an investigator gives a
 * reason, describes "red pickup last 24 hours", draws an area on the map, searches, opens a hit and sees its journey
 * on the map. Vehicle events are written straight into the demo's database with the hub's own store (the edge link is
 * not part of this test). Screenshots go to test-output/search-*.png.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { distanceM, generateNetwork, generateVehicleEvents } from '@camnet/core';
import type { VehicleEvent } from '@camnet/core';
import { openDatabase } from '../packages/hub/src/adapters/db/database.ts';
import { createKyselyVehicleEventStore } from '../packages/hub/src/adapters/db/stores/kysely-vehicle-event-store.ts';
import { seriousA11yViolations } from './support/axe.ts';
import { DESKTOP, launchBrowser, newPage, screenshot } from './support/browser.ts';
import { startDemoCamnet } from './support/camnet-process.ts';
import { SignInPage } from './pages/auth-pages.ts';

const PLATE = 'KXR4821';


/** A day of light synthetic traffic on the demo's registered cameras, plus one red pickup seen by the three cameras nearest the centre. */
async function seedEvents(dataDir: string): Promise<string[]> {
  const centre = generateNetwork({ seed: 'camnet-demo', cameras: 300 }).centre;
  const now = Date.now();
  const database = openDatabase({ dataDir });
  const cameras = (await database.db.selectFrom('cameras').select(['id', 'name', 'lat', 'lon', 'heading_deg']).execute())
    .map((c) => ({ id: c.id, name: c.name, lat: Number(c.lat), lon: Number(c.lon), headingDeg: Number(c.heading_deg) }));
  const store = createKyselyVehicleEventStore(database);
  const background: VehicleEvent[] = [];
  for (const e of generateVehicleEvents({ seed: 'e2e-search', cameras, from: now - 24 * 3600_000, to: now - 60_000, ratePerHour: { arterial: 4, residential: 1 } })) {
    const { truth: _truth, ...event } = e;
    background.push(event);
  }
  for (let i = 0; i < background.length; i += 500) await store.ingest('edge-demo', background.slice(i, i + 500), now);
  const route = [...cameras].sort((a, b) => distanceM(a, centre) - distanceM(b, centre)).slice(0, 3);
  const start = now - 2 * 3600_000;
  await store.ingest('edge-demo', route.map((c, i): VehicleEvent => ({
    localId: `journey-${i}`, cameraId: c.id, startedAt: new Date(start + i * 120_000).toISOString(), endedAt: new Date(start + i * 120_000 + 3000).toISOString(),
    type: 'pickup', colour: 'red', colourConfidence: 0.93, colourAlt: null, direction: 90, box: [400, 300, 320, 200], source: 'edge',
    plate: { text: PLATE, confidence: 0.95, chars: [...PLATE].map((c2) => ({ c: c2, confidence: 0.95 })), alternates: [] },
  })), now);
  await database.close();
  return route.map((c) => c.name);
}

/** Page object for the vehicle search page. */
class SearchPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    // From the navigation, once signed in (a direct load would race the session cookie).
    await this.page.getByRole('link', { name: 'Vehicle search' }).click();
    await this.page.getByRole('heading', { name: 'Vehicle search' }).waitFor();
  }

  async giveReason(r: { caseNumber: string; offence: string; text: string }): Promise<void> {
    await this.page.getByLabel('Case number').fill(r.caseNumber);
    await this.page.getByLabel('Offence').selectOption(r.offence);
    await this.page.getByLabel('Why').fill(r.text);
  }

  async describe(text: string): Promise<string[]> {
    await this.page.getByLabel('Describe the vehicle, place and time').fill(text);
    await this.page.getByRole('button', { name: 'Add to filters' }).click();
    const chips = this.page.getByRole('list', { name: 'Filters' }).getByRole('listitem');
    await chips.first().waitFor();
    return (await chips.allInnerTexts()).map((t) => t.replace('×', '').trim());
  }

  /** Draws a rectangle over the middle of the visible map (right of the panel). */
  async drawArea(): Promise<void> {
    await this.page.getByRole('button', { name: 'Draw area on map' }).click();
    const box = (await this.page.getByRole('region', { name: /Search map/ }).boundingBox())!;
    for (const [fx, fy] of [[0.38, 0.25], [0.78, 0.25], [0.78, 0.75], [0.38, 0.75]] as const) await this.page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
    await this.page.getByRole('button', { name: /Finish area/ }).click();
  }

  async search(): Promise<string[]> {
    await this.page.getByRole('button', { name: 'Search', exact: true }).click();
    const results = this.page.getByRole('list', { name: 'Results' });
    await results.waitFor();
    return results.getByRole('listitem').allInnerTexts();
  }

  async openJourneyOf(plate: string): Promise<string[]> {
    const hit = this.page.getByRole('list', { name: 'Results' }).getByRole('listitem').filter({ hasText: plate }).first();
    await hit.getByRole('button', { pressed: false }).first().click();
    await hit.getByRole('button', { name: 'Journey' }).click();
    await this.page.getByRole('heading', { name: `Journey of ${plate}` }).waitFor();
    return this.page.getByLabel(`Journey of ${plate}`).getByRole('listitem').allInnerTexts();
  }
}

describe('vehicle search: reason, red pickups in a drawn area in the last 24 h, one hit’s journey', () => {
  let camnet: Awaited<ReturnType<typeof startDemoCamnet>>;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let route: string[];

  beforeAll(async () => {
    camnet = await startDemoCamnet();
    route = await seedEvents(camnet.dataDir);
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await camnet?.stop();
  });

  test('an investigator finds the red pickup and follows it across cameras', { timeout: 180_000 }, async () => {
    const who = camnet.credentials.get('investigator')!;
    const opened = await newPage(browser, camnet.url, DESKTOP);
    context = opened.context;
    const { page } = opened;
    const signIn = new SignInPage(page);
    await signIn.open();
    await signIn.signIn(who.email, who.password);
    const search = new SearchPage(page);
    await search.open();
    await search.giveReason({ caseNumber: '2026-004512', offence: 'robbery', text: 'Armed robbery, suspect left in a red pickup' });
    const chips = await search.describe('red pickup last 24 hours');
    expect(chips).toEqual(expect.arrayContaining(['red', 'pickup', 'last 24h']));
    await search.drawArea();
    expect(await page.getByRole('list', { name: 'Filters' }).innerText()).toContain('drawn area');
    await screenshot(page, 'search-01-filters-and-area');
    const hits = await search.search();
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.join('\n')).toContain(PLATE);
    expect(hits.every((h) => /red pickup|orange pickup/.test(h))).toBe(true);
    await screenshot(page, 'search-02-results');
    const sightings = await search.openJourneyOf(PLATE);
    expect(sightings).toHaveLength(3);
    expect(sightings.map((s) => route.find((name) => s.includes(name)))).toEqual(route);
    await page.waitForTimeout(500);
    await screenshot(page, 'search-03-journey');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
