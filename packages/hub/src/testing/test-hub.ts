import { TOTP, Secret } from 'otpauth';
import { createHubApp } from '../app.ts';
import { hubConfigSchema } from '../config.ts';
import { composeHub } from '../main.ts';
import { openTestDatabase } from './test-databases.ts';

/** A manual clock for tests: `advance(ms)` moves time on. */
export function manualClock(startIso = '2026-11-22T10:00:00.000Z') {
  let now = Date.parse(startIso);
  return { now: () => new Date(now), advance: (ms: number) => { now += ms; } };
}

/** A complete hub app on a fresh database (no port): services, stores and `app.inject()`. */
export async function createTestHub(opts: { dialect?: 'sqlite' | 'postgres'; config?: Record<string, unknown> } = {}) {
  const database = await openTestDatabase(opts.dialect ?? 'sqlite');
  const config = hubConfigSchema.parse({ dataDir: database.dataDir, ...opts.config });
  const clock = manualClock();
  const hub = composeHub(config, database, { clock: clock.now });
  const app = await createHubApp({
    services: hub.services, edgeLink: hub.edgeLink, recordings: hub.recordings, bus: hub.bus, ready: async () => true,
    settings: { networkName: 'Test network', mapTileUrl: null, maxRetentionDays: config.maxRetentionDays, offenceCategories: config.offenceCategories },
    version: 'test', cookie: { secure: false, maxAgeSeconds: 3600 }, loginPerMinute: 1000,
  });
  return {
    app, hub, clock, database, config,
    async close() {
      await app.close();
      await database.dispose();
    },
  };
}
export type TestHub = Awaited<ReturnType<typeof createTestHub>>;

/** The current TOTP code for a base32 secret at the test clock's time. */
export function totpCode(secret: string, at: Date): string {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: at.getTime() });
}

/** A signed-in browser-like client: keeps the cookie and sends the CSRF header. */
export interface Client {
  cookie: string;
  csrf: string;
  req(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; json: any; body: string }>;
}

export function clientFor(t: TestHub, cookie: string, csrf: string): Client {
  return {
    cookie, csrf,
    async req(method, url, body, headers = {}) {
      const res = await t.app.inject({
        method, url, headers: { cookie, 'x-csrf-token': csrf, ...headers },
        ...(body === undefined ? {} : typeof body === 'string' ? { payload: body } : { payload: body as object }),
      });
      let json: unknown = null;
      try { json = res.json(); } catch { /* not JSON */ }
      return { status: res.statusCode, json, body: res.body };
    },
  };
}

function sessionCookie(res: { cookies: { name: string; value: string }[] }): string {
  const c = res.cookies.find((x) => x.name === 'camnet_session');
  if (!c) throw new Error('no session cookie set');
  return `camnet_session=${c.value}`;
}

/** Runs first-run set-up and TOTP enrolment; returns the admin client and their TOTP secret. */
export async function setUpAdmin(t: TestHub, email = 'admin@network.org', password = 'correct horse battery') {
  const token = await t.hub.services.auth.issueSetupTokenIfEmpty();
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { token, email, name: 'Ada Admin', password } });
  if (res.statusCode !== 200) throw new Error(`setup failed: ${res.body}`);
  const client = clientFor(t, sessionCookie(res), res.json().csrfToken);
  const enrol = await client.req('POST', '/api/v1/auth/mfa/enrol');
  const confirm = await client.req('POST', '/api/v1/auth/mfa/enrol/confirm', { code: totpCode(enrol.json.secret, t.clock.now()) });
  if (confirm.status !== 200) throw new Error(`enrol failed: ${confirm.body}`);
  return { client, secret: enrol.json.secret as string, recoveryCodes: confirm.json.recoveryCodes as string[], password };
}

/** Signs in with a password (and a TOTP code when given). */
export async function signIn(t: TestHub, email: string, password: string, totpSecret?: string) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) return { status: res.statusCode, json: res.json(), client: null };
  const client = clientFor(t, sessionCookie(res), res.json().csrfToken);
  if (totpSecret && res.json().mfa === 'required') {
    const v = await client.req('POST', '/api/v1/auth/mfa/verify', { code: totpCode(totpSecret, t.clock.now()) });
    if (v.status !== 200) return { status: v.status, json: v.json, client: null };
  }
  return { status: 200, json: res.json(), client };
}
