/**
 * The foundation, end to end in Chromium against the real system (`camnet up`): first-run set-up, TOTP
 * enrolment, sign out and in with a code, add a member, site and cameras, see them on the map, the
 * owner's "My cameras" on a phone, and an accessibility pass. Screenshots go to test-output/.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as OTPAuth from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seriousA11yViolations } from './support/axe.ts';
import { DESKTOP, PHONE, launchBrowser, newPage, screenshot } from './support/browser.ts';
import { startCamnet, type RunningCamnet } from './support/camnet-process.ts';
import { startMockCamnet } from './support/mock-hub.ts';
import { AppShell } from './pages/app-shell.ts';
import { MfaEnrolPage, SetupPage, SignInPage } from './pages/auth-pages.ts';
import { MapPage } from './pages/map-page.ts';
import { CamerasPage, MembersPage, SitesPage } from './pages/registry-pages.ts';
import { MyCamerasPage, UsersPage } from './pages/owner-pages.ts';
import { AuditPage, CameraImportPage, EdgesPage, TokensPage } from './pages/admin-pages.ts';
import { TotpClock } from './support/totp.ts';

const ADMIN = { name: 'Ada Admin', email: 'ada@example.org', password: 'correct horse battery staple' };
const OWNER = { name: 'Bea Baker', email: 'bea@example.org', password: 'bakery opens at seven' };

describe('foundation: set-up, MFA, registry, map', () => {
  let camnet: RunningCamnet;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const a11y: string[] = [];
  const check = async (where: string) => a11y.push(...(await seriousA11yViolations(page)).map((v) => `${where}: ${v}`));

  beforeAll(async () => {
    // CAMNET_E2E_MOCK=1 is for developing pages before the hub has a route; CI always runs the real system.
    camnet = process.env.CAMNET_E2E_MOCK === '1' ? await startMockCamnet() : await startCamnet();
    browser = await launchBrowser();
    ({ context, page } = await newPage(browser, camnet.url, DESKTOP));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await camnet?.stop();
  });

  test('an admin sets up, enrols TOTP, signs in again, registers cameras and sees them on the map', { timeout: 300_000 }, async () => {
    const shell = new AppShell(page);

    // First run: the set-up link creates the admin, who must enrol a second factor.
    const setup = new SetupPage(page);
    await setup.open(camnet.setupPath);
    await check('set-up');
    await screenshot(page, 'desktop-01-setup');
    await setup.createAdmin(ADMIN);
    const enrol = new MfaEnrolPage(page);
    await enrol.waitForQrCode();
    await screenshot(page, 'desktop-02-mfa-enrol');
    const totp = new TotpClock(new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(await enrol.secret()) }));
    await enrol.confirm(await totp.freshCode());
    expect((await enrol.recoveryCodes()).length).toBeGreaterThanOrEqual(5);
    await screenshot(page, 'desktop-03-recovery-codes');
    await enrol.finish();
    await shell.waitForHeading('Camera map');

    // Sign out and back in with a new code.
    await shell.signOut();
    await check('sign-in');
    const signIn = new SignInPage(page);
    await signIn.signIn(ADMIN.email, ADMIN.password);
    await page.getByRole('heading', { name: 'Enter your code' }).waitFor();
    await screenshot(page, 'desktop-04-code');
    await signIn.enterCode(await totp.freshCode());
    await shell.waitForHeading('Camera map');

    // Registry: member, site, cameras (one attested, one waiting for its owner).
    await shell.go('Members');
    await new MembersPage(page).add({ name: 'Corner Bakery', kind: 'Business', contactEmail: 'bea@example.org' });
    await check('members');
    await screenshot(page, 'desktop-05-members');
    await shell.go('Sites');
    await new SitesPage(page).add({ member: 'Corner Bakery', name: 'Bakery on Main St', address: '12 Main St', lat: 41.8819, lon: -87.6278 });
    await shell.go('Cameras');
    const cameras = new CamerasPage(page);

    // A bad latitude comes back from the hub as a field error beside the field.
    const form = await cameras.openAddForm();
    await form.getByLabel('Site').selectOption({ label: 'Bakery on Main St' });
    await form.getByLabel('Camera name').fill('Bad position');
    await form.getByLabel('Latitude').fill('95');
    await form.getByRole('button', { name: 'Add camera' }).click();
    await expect.poll(() => form.getByLabel('Latitude').getAttribute('aria-invalid')).toBe('true');
    await check('camera form with errors');
    await screenshot(page, 'desktop-06-camera-field-error');
    await form.getByRole('button', { name: 'Cancel' }).click();

    await cameras.add({ site: 'Bakery on Main St', name: 'Bakery front door', headingDeg: 200, fovDeg: 90, rangeM: 35, sharing: 'Live for the crime centre', attested: true });
    await cameras.add({ site: 'Bakery on Main St', name: 'Bakery side street', headingDeg: 90, fovDeg: 70, rangeM: 45, sharing: 'Ask me each time', attested: false });
    await check('cameras');
    await screenshot(page, 'desktop-07-cameras');

    // The map shows them; finding one zooms in to its cone.
    await shell.go('Map');
    const map = new MapPage(page);
    expect(await map.waitForCameras(2)).toBeGreaterThanOrEqual(2);
    await map.find('Bakery front door');
    expect(await map.selectedCameraName()).toBe('Bakery front door');
    expect(await map.drawnCount()).toBeGreaterThanOrEqual(2);
    await check('map');
    await screenshot(page, 'desktop-08-map');

    // Bulk import: a bad line is reported by number and nothing is imported; the fixed file imports.
    const siteId = ((await (await context.request.get('/api/v1/sites')).json()) as { items: { id: string; name: string }[] }).items.find((x) => x.name === 'Bakery on Main St')!.id;
    const header = 'name,siteId,lat,lon,headingDeg,fovDeg,rangeM';
    await shell.go('Import cameras');
    const importer = new CameraImportPage(page);
    await importer.choose('bad.csv', `${header}\nBakery back lane,${siteId},41.8816,-87.6281,0,80,30\nWrong spot,${siteId},95,-87.6281,0,80,30\n`);
    expect(await importer.check()).toEqual([3]);
    await check('import preview with errors');
    await screenshot(page, 'desktop-09-import-errors');
    await importer.choose('good.csv', `${header}\nBakery back lane,${siteId},41.8816,-87.6281,0,80,30\n`);
    expect(await importer.check()).toEqual([]);
    expect(await importer.confirm()).toMatch(/^Imported 1 cameras/);

    await shell.go('Edges');
    expect((await new EdgesPage(page).add('Bakery on Main St', 'bakery-edge')).length).toBeGreaterThan(10);
    await check('edges');
    await screenshot(page, 'desktop-10-edges');
    await shell.go('API tokens');
    expect((await new TokensPage(page).create('CAD bridge', 'operator')).length).toBeGreaterThan(10);
    await check('tokens');
    await shell.go('Audit log');
    const audit = new AuditPage(page);
    expect(await audit.rowCount()).toBeGreaterThan(0);
    expect(await audit.verifyChain()).toMatch(/^The chain is intact/);
    await check('audit');
    await screenshot(page, 'desktop-11-audit');

    // A user for the bakery's owner.
    await shell.go('Users');
    await new UsersPage(page).add({ ...OWNER, role: 'Owner: their own cameras', member: 'Corner Bakery' });
    await check('users');

    // Phone: the map, then the owner confirms the waiting camera and chooses how it is shared.
    await page.setViewportSize(PHONE);
    await page.getByRole('button', { name: 'Menu' }).click();
    await screenshot(page, 'phone-00-menu');
    await page.getByRole('button', { name: 'Menu' }).click();
    await shell.go('Map');
    await map.waitForCameras(3);
    await screenshot(page, 'phone-01-map');
    await shell.signOut();
    await screenshot(page, 'phone-02-sign-in');
    await signIn.signIn(OWNER.email, OWNER.password);
    const mine = new MyCamerasPage(page);
    await mine.waitForCameras(3);
    await check('my cameras (phone)');
    await screenshot(page, 'phone-03-my-cameras');
    await mine.confirmPublicView('Bakery side street');
    await mine.chooseSharing('Bakery side street', 'Only during an emergency');
    await screenshot(page, 'phone-04-my-cameras-after');

    expect(a11y, a11y.join('\n')).toEqual([]);
  });
});
