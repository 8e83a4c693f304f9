import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHub, setUpAdmin, signIn, totpCode } from '../../testing/test-hub.ts';
import type { Client, TestHub } from '../../testing/test-hub.ts';
import { TOKEN_CACHE_MS } from '../tokens/tokens.service.ts';

describe('sign-in, second factor, sessions and tokens', () => {
  let t: TestHub;
  let admin: Client;
  let adminSecret: string;
  let recovery: string[];
  let memberId: string;

  beforeAll(async () => {
    t = await createTestHub();
    ({ client: admin, secret: adminSecret, recoveryCodes: recovery } = await setUpAdmin(t));
    memberId = (await admin.req('GET', '/api/v1/auth/session')).json.user.memberId;
  });
  afterAll(() => t.close());

  it('set-up link works once and the admin must enrol TOTP before anything else', async () => {
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { token: 'x'.repeat(20), email: 'b@x.org', name: 'B', password: 'another long password' } });
    expect(again.json().error.id).toBe('setup_already_done');
    const fresh = await signIn(t, 'admin@network.org', 'correct horse battery');
    expect(fresh.json.mfa).toBe('required');
    const blocked = await fresh.client!.req('GET', '/api/v1/users');
    expect(blocked).toMatchObject({ status: 401, json: { error: { id: 'mfa_required' } } });
    expect(recovery).toHaveLength(10);
  });

  it('accepts a TOTP code, refuses a wrong one, and spends recovery codes once', async () => {
    const s = await signIn(t, 'admin@network.org', 'correct horse battery');
    expect((await s.client!.req('POST', '/api/v1/auth/mfa/verify', { code: '000000' })).json.error.id).toBe('invalid_mfa_code');
    expect((await s.client!.req('POST', '/api/v1/auth/mfa/verify', { code: recovery[0]! })).status).toBe(200);
    expect((await s.client!.req('GET', '/api/v1/users')).status).toBe(200);
    const s2 = await signIn(t, 'admin@network.org', 'correct horse battery');
    expect((await s2.client!.req('POST', '/api/v1/auth/mfa/verify', { code: recovery[0]! })).status).toBe(401);
    expect((await s2.client!.req('POST', '/api/v1/auth/mfa/verify', { code: totpCode(adminSecret, t.clock.now()) })).status).toBe(200);
  });

  it('refuses a mutating request without the CSRF token', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/members', headers: { cookie: admin.cookie }, payload: { name: 'X', kind: 'business' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.id).toBe('csrf_token_invalid');
  });

  it('locks an account after 5 failures for 10 minutes, even with the right password', async () => {
    const created = await admin.req('POST', '/api/v1/users', { email: 'Pat@Patrol.org', name: 'Pat', role: 'patrol', memberId, password: 'patrol password 1' });
    expect(created.status).toBe(201);
    expect(created.json.email).toBe('pat@patrol.org');
    for (let i = 0; i < 5; i++) expect((await signIn(t, 'pat@patrol.org', 'wrong password!')).json.error.id).toBe('invalid_credentials');
    const locked = await signIn(t, 'pat@patrol.org', 'patrol password 1');
    expect(locked.status).toBe(423);
    expect(locked.json.error.id).toBe('account_locked');
    t.clock.advance(10 * 60_000 + 1000);
    expect((await signIn(t, 'pat@patrol.org', 'patrol password 1')).status).toBe(200);
  });

  it('signs out after 30 idle minutes', async () => {
    const s = await signIn(t, 'pat@patrol.org', 'patrol password 1');
    t.clock.advance(29 * 60_000);
    expect((await s.client!.req('GET', '/api/v1/auth/session')).status).toBe(200);
    t.clock.advance(29 * 60_000);
    expect((await s.client!.req('GET', '/api/v1/auth/session')).status).toBe(200);
    t.clock.advance(31 * 60_000);
    expect((await s.client!.req('GET', '/api/v1/auth/session')).json.error.id).toBe('not_signed_in');
  });

  it('issues scoped API tokens, hashed at rest, and refuses them once revoked', async () => {
    // The earlier tests moved the clock past the admin's idle timeout: sign in again.
    expect((await admin.req('GET', '/api/v1/auth/session')).status).toBe(401);
    admin = (await signIn(t, 'admin@network.org', 'correct horse battery', adminSecret)).client!;
    const created = await admin.req('POST', '/api/v1/tokens', { name: 'cad bridge', role: 'operator' });
    expect(created.status).toBe(201);
    const token = created.json.token as string;
    const row = await t.database.db.selectFrom('api_tokens').selectAll().where('id', '=', created.json.item.id).executeTakeFirstOrThrow();
    expect(row.token_hash).not.toContain(token);
    const asToken = (url: string) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    expect((await asToken('/api/v1/cameras')).statusCode).toBe(200);
    expect((await asToken('/api/v1/users')).json().error.id).toBe('role_not_allowed');
    expect((await admin.req('DELETE', `/api/v1/tokens/${created.json.item.id}`)).json).toMatchObject({ revokedAt: expect.any(String) });
    const after = await asToken('/api/v1/cameras');
    expect(after.statusCode, after.body).toBe(401);
    expect(after.json().error.id).toBe('token_invalid');
  });

  it("refuses a disabled user's token once the short principal cache lapses", async () => {
    const user = await admin.req('POST', '/api/v1/users', { email: 'cad@pd.gov', name: 'CAD bridge', role: 'operator', memberId, password: 'cad bridge password' });
    const { token } = await t.hub.services.tokens.create(user.json.id, { name: 'cad', role: 'operator' });
    const asToken = () => t.app.inject({ method: 'GET', url: '/api/v1/cameras', headers: { authorization: `Bearer ${token}` } });
    expect((await asToken()).statusCode).toBe(200);
    expect((await admin.req('PATCH', `/api/v1/users/${user.json.id}`, { disabled: true })).status).toBe(200);
    t.clock.advance(TOKEN_CACHE_MS + 1);
    expect((await asToken()).json().error.id).toBe('token_invalid');
  });

  it('audits sign-ins (success and failure) in an intact chain', async () => {
    const audit = await admin.req('GET', '/api/v1/audit?action=auth.login&limit=100');
    const outcomes = new Set(audit.json.items.map((r: { outcome: string }) => r.outcome));
    expect(outcomes).toEqual(new Set(['success', 'denied']));
    expect(audit.json.items.some((r: { actor: string; outcome: string }) => r.actor === 'pat@patrol.org' && r.outcome === 'denied')).toBe(true);
    const verify = await admin.req('GET', '/api/v1/audit/verify');
    expect(verify.json).toMatchObject({ ok: true });
    expect(verify.json.checked).toBeGreaterThan(20);
  });
});
