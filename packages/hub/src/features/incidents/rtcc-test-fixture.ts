/** A test hub for the RTCC route tests: admin, operator and patrol accounts, and cameras around a St. Louis corner. */
import { destination } from '@camnet/core';
import { createTestHub, setUpAdmin, signIn } from '../../testing/test-hub.ts';
import type { Client, TestHub } from '../../testing/test-hub.ts';

/** The corner the fixture's cameras look at (Gravois & Chippewa in the synthetic grid's flavour). */
export const CORNER = { lat: 38.5905, lon: -90.2405 };

export interface RtccFixture {
  t: TestHub;
  admin: Client;
  operator: Client;
  patrol: Client;
  /** An operator API token (`cn_…`) for the CAD webhook. */
  operatorToken: string;
  cameraIds: Record<string, string>;
}

/** Builds the fixture: cameras at 20 m (live), 35 m (on request), 30 m (alarm only), and one nearby facing away. */
export async function createRtccFixture(): Promise<RtccFixture> {
  const t = await createTestHub({ config: { mfaRequiredRoles: ['admin'] } });
  const admin = (await setUpAdmin(t)).client;
  const agency = await admin.req('POST', '/api/v1/members', { name: 'City police', kind: 'agency' });
  const shop = await admin.req('POST', '/api/v1/members', { name: 'Corner shop', kind: 'business' });
  for (const [email, role] of [['op@pd.gov', 'operator'], ['car12@pd.gov', 'patrol']] as const) {
    await admin.req('POST', '/api/v1/users', { email, name: role, role, memberId: agency.json.id, password: `${role} password long enough` });
  }
  const operator = (await signIn(t, 'op@pd.gov', 'operator password long enough')).client!;
  const patrol = (await signIn(t, 'car12@pd.gov', 'patrol password long enough')).client!;
  const operatorToken = (await operator.req('POST', '/api/v1/tokens', { name: 'CAD', role: 'operator' })).json.token as string;
  const site = (await admin.req('POST', '/api/v1/sites', { memberId: shop.json.id, name: 'Shop', address: '3500 Gravois Ave', lat: CORNER.lat, lon: CORNER.lon })).json.id;
  const cameraIds: Record<string, string> = {};
  const add = async (name: string, bearing: number, metres: number, sharingMode: string, lookAway = false) => {
    const at = destination(CORNER, bearing, metres);
    const c = await admin.req('POST', '/api/v1/cameras', { siteId: site, name, ...at, headingDeg: lookAway ? bearing : (bearing + 180) % 360, fovDeg: 90, rangeM: 50, sharingMode, publicViewAttested: true });
    cameraIds[name] = c.json.id;
  };
  await add('Live 20 m', 0, 20, 'live');
  await add('On request 35 m', 90, 35, 'on_request');
  await add('Alarm only 30 m', 180, 30, 'alarm_only');
  await add('Facing away 25 m', 270, 25, 'live', true);
  return { t, admin, operator, patrol, operatorToken, cameraIds };
}
