/**
 * An in-memory stand-in for the hub's /api/v1 contract, for developing the dashboard and for the map
 * benchmark (40,000 cameras) without a database. It is not a replacement for the real-system test.
 */
import { randomUUID } from 'node:crypto';
import * as OTPAuth from 'otpauth';

type Json = Record<string, unknown>;
export interface MockResponse { status: number; body?: unknown; headers?: Record<string, string> }
interface MockUser { id: string; email: string; name: string; role: string; memberId: string | null; mfaEnrolled: boolean; password: string; secret?: OTPAuth.Secret }

const iso = () => new Date().toISOString();
const err = (status: number, id: string, message: string, details?: Json): MockResponse => ({ status, body: { error: { id, message, details } } });
const page = (items: unknown[]) => ({ status: 200, body: { items, nextCursor: null } });

/** A deterministic spread of cameras around one centre, like a dense city network. */
export function syntheticCameras(n: number, centre = { lat: 41.88, lon: -87.63 }): Json[] {
  const statuses = ['online', 'online', 'online', 'online', 'offline', 'pending_attestation', 'disabled'];
  let seed = 42;
  const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const out: Json[] = [];
  for (let i = 0; i < n; i++) {
    // blocks of a street grid ~ 0.3 x 0.4 degrees (about 30 km x 33 km)
    const lat = centre.lat + (Math.round((rnd() - 0.5) * 400) / 400) * 0.3 + (rnd() - 0.5) * 0.0004;
    const lon = centre.lon + (rnd() - 0.5) * 0.4;
    out.push({ id: `cam_${i}`, siteId: 'site_synth', memberId: 'mem_synth', name: `Synthetic camera ${i}`, lat, lon, headingDeg: Math.floor(rnd() * 360), fovDeg: 60 + Math.floor(rnd() * 60), rangeM: 25 + Math.floor(rnd() * 50), status: statuses[i % statuses.length], sharingMode: 'on_request' });
  }
  return out;
}

export function createMockApi(opts: { setupToken: string; cameras?: Json[] }) {
  const users: MockUser[] = [];
  const sessions = new Map<string, { userId: string; csrf: string; mfa: string }>();
  const members: Json[] = [];
  const sites: Json[] = [];
  const cameras: Json[] = [...(opts.cameras ?? [])];
  const edges: Json[] = [];
  const tokens: Json[] = [];
  const audit: Json[] = [];
  const record = (actor: string, action: string, target: string | null = null) =>
    audit.unshift({ seq: audit.length + 1, at: iso(), actor, action, target, purpose: null, outcome: 'ok', details: {}, hash: randomUUID().replace(/-/g, '') });

  const sessionBody = (sid: string) => {
    const s = sessions.get(sid)!;
    const u = users.find((x) => x.id === s.userId)!;
    return { user: { id: u.id, email: u.email, name: u.name, role: u.role, memberId: u.memberId, mfaEnrolled: u.mfaEnrolled }, csrfToken: s.csrf, mfa: s.mfa };
  };
  const newSession = (u: MockUser, mfa: string): MockResponse => {
    const sid = randomUUID();
    sessions.set(sid, { userId: u.id, csrf: randomUUID(), mfa });
    return { status: 200, body: sessionBody(sid), headers: { 'Set-Cookie': `sid=${sid}; HttpOnly; SameSite=Strict; Path=/` } };
  };
  const required = (body: Json, fields: string[]) => {
    const issues = fields.filter((f) => body[f] === undefined || body[f] === '' || body[f] === null).map((path) => ({ path, message: 'required' }));
    if (typeof body.lat === 'number' && Math.abs(body.lat) > 90) issues.push({ path: 'lat', message: 'latitude must be between -90 and 90' });
    return issues.length ? err(400, 'validation_failed', 'Some fields need attention.', { issues }) : null;
  };
  const totp = (u: MockUser) => new OTPAuth.TOTP({ secret: u.secret!, issuer: 'camnet', label: u.email });

  return async function handle(method: string, path: string, query: URLSearchParams, body: Json, sid: string | null, csrf: string | null): Promise<MockResponse> {
    const s = sid ? sessions.get(sid) : undefined;
    const me = s ? users.find((u) => u.id === s.userId) : undefined;
    if (method !== 'GET' && s && csrf !== s.csrf) return err(403, 'csrf_failed', 'Missing or wrong CSRF token.');
    const key = `${method} ${path.replace(/\/(mem|site|cam|usr|edge|tok)_[\w-]+/, '/:id')}`;
    const id = path.split('/')[2] ?? '';
    switch (key) {
      case 'GET /config/public': return { status: 200, body: { networkName: 'Riverside Safe Streets', mapTileUrl: null, maxRetentionDays: 30, offenceCategories: ['burglary', 'robbery'] } };
      case 'GET /setup/status': return { status: 200, body: { needsSetup: users.length === 0 } };
      case 'POST /setup': {
        if (users.length) return err(409, 'already_set_up', 'Already set up.');
        if (body.token !== opts.setupToken) return err(403, 'invalid_setup_token', 'That set-up link is not valid.');
        const bad = required(body, ['email', 'name', 'password']);
        if (bad) return bad;
        const m = { id: 'mem_admin', name: 'Network administration', kind: 'network_admin', contactEmail: body.email, createdAt: iso() };
        members.push(m);
        const u: MockUser = { id: `usr_${randomUUID()}`, email: String(body.email), name: String(body.name), role: 'admin', memberId: m.id, mfaEnrolled: false, password: String(body.password) };
        users.push(u);
        record(u.email, 'setup.admin_created');
        return newSession(u, 'enrol_required');
      }
      case 'POST /auth/login': {
        const u = users.find((x) => x.email === body.email && x.password === body.password);
        record(String(body.email), u ? 'auth.login' : 'auth.login_failed');
        if (!u) return err(401, 'invalid_credentials', 'Wrong email or password.');
        return newSession(u, u.mfaEnrolled ? 'required' : u.role === 'owner' ? 'ok' : 'enrol_required');
      }
      case 'GET /auth/session': return s ? { status: 200, body: sessionBody(sid!) } : err(401, 'not_signed_in', 'Sign in first.');
      case 'POST /auth/logout': if (sid) sessions.delete(sid); return { status: 204 };
    }
    if (!s || !me) return err(401, 'not_signed_in', 'Sign in first.');
    switch (key) {
      case 'POST /auth/mfa/verify':
        if (totp(me).validate({ token: String(body.code), window: 1 }) === null) return err(401, 'invalid_mfa_code', 'Wrong code.');
        s.mfa = 'ok';
        return { status: 200, body: sessionBody(sid!) };
      case 'POST /auth/mfa/enrol': {
        me.secret = new OTPAuth.Secret({ size: 20 });
        const url = totp(me).toString();
        const QR = (await import('qrcode')).default;
        return { status: 200, body: { secret: me.secret.base32, otpauthUrl: url, qrSvg: await QR.toString(url, { type: 'svg', margin: 1 }) } };
      }
      case 'POST /auth/mfa/enrol/confirm':
        if (totp(me).validate({ token: String(body.code), window: 1 }) === null) return err(401, 'invalid_mfa_code', 'Wrong code.');
        me.mfaEnrolled = true;
        s.mfa = 'ok';
        return { status: 200, body: { recoveryCodes: Array.from({ length: 10 }, () => randomUUID().slice(0, 11)), session: sessionBody(sid!) } };
    }
    if (s.mfa !== 'ok') return err(401, 'mfa_required', 'Finish two-step sign-in first.');
    switch (key) {
      case 'GET /members': return page(members);
      case 'POST /members': { const bad = required(body, ['name', 'kind']); if (bad) return bad; const m = { id: `mem_${randomUUID()}`, ...body, createdAt: iso() }; members.push(m); record(me.email, 'member.create', m.id); return { status: 201, body: m }; }
      case 'PATCH /members/:id': { const m = members.find((x) => x.id === id); if (!m) return err(404, 'not_found', 'No such member.'); Object.assign(m, body); return { status: 200, body: m }; }
      case 'GET /users': return page(users.map(({ password: _p, secret: _s, ...u }) => u));
      case 'POST /users': { const bad = required(body, ['email', 'name', 'role', 'memberId', 'password']); if (bad) return bad; const u: MockUser = { id: `usr_${randomUUID()}`, email: String(body.email), name: String(body.name), role: String(body.role), memberId: String(body.memberId), mfaEnrolled: false, password: String(body.password) }; users.push(u); const { password: _p, ...out } = u; return { status: 201, body: out }; }
      case 'PATCH /users/:id': { const u = users.find((x) => x.id === id); if (!u) return err(404, 'not_found', 'No such user.'); Object.assign(u, body); const { password: _p, secret: _s, ...out } = u; return { status: 200, body: out }; }
      case 'GET /sites': return page(sites);
      case 'POST /sites': { const bad = required(body, ['memberId', 'name', 'address', 'lat', 'lon']); if (bad) return bad; const x = { id: `site_${randomUUID()}`, ...body, createdAt: iso() }; sites.push(x); return { status: 201, body: x }; }
      case 'PATCH /sites/:id': { const x = sites.find((y) => y.id === id); if (!x) return err(404, 'not_found', 'No such site.'); Object.assign(x, body); return { status: 200, body: x }; }
      case 'GET /cameras': {
        const q = query.get('q')?.toLowerCase();
        return page(cameras.filter((c) => (!query.get('memberId') || c.memberId === query.get('memberId')) && (!query.get('status') || c.status === query.get('status')) && (!q || String(c.name).toLowerCase().includes(q))).slice(0, 500));
      }
      case 'POST /cameras': {
        const bad = required(body, ['siteId', 'name', 'lat', 'lon']); if (bad) return bad;
        const site = sites.find((x) => x.id === body.siteId);
        const { streamUrl, ...rest } = body;
        const c = { id: `cam_${randomUUID()}`, headingDeg: 0, fovDeg: 90, rangeM: 40, mountType: 'wall', sharingMode: 'none', retentionDays: 30, maskMode: 'overlay', privacyMasks: [], ...rest, memberId: site?.memberId, hasStreamUrl: !!streamUrl, status: body.publicViewAttested ? 'offline' : 'pending_attestation', lastFrameAt: null, createdAt: iso(), updatedAt: iso() };
        cameras.push(c); record(me.email, 'camera.create', c.id); return { status: 201, body: c };
      }
      case 'PATCH /cameras/:id': { const c = cameras.find((x) => x.id === id); if (!c) return err(404, 'not_found', 'No such camera.'); Object.assign(c, body, { updatedAt: iso() }); return { status: 200, body: c }; }
      case 'POST /cameras/:id/attest': { const c = cameras.find((x) => x.id === path.split('/')[2]); if (!c) return err(404, 'not_found', 'No such camera.'); Object.assign(c, { publicViewAttested: true, status: 'offline' }); return { status: 200, body: c }; }
      case 'GET /cameras/map': {
        const fields = ['id', 'lat', 'lon', 'headingDeg', 'fovDeg', 'rangeM', 'status', 'sharingMode', 'name'];
        return { status: 200, body: { fields, rows: cameras.map((c) => fields.map((f) => c[f])) } };
      }
      case 'POST /cameras/import': {
        const lines = String(body.text ?? '').split('\n').filter((l) => l.trim());
        const errors = lines.slice(1).flatMap((l, i) => (l.split(',').length < 4 ? [{ line: i + 2, id: 'missing_fields', message: 'needs siteId, name, lat and lon' }] : []));
        return { status: 200, body: { imported: errors.length || query.get('dryRun') === 'true' ? 0 : lines.length - 1, rows: lines.length - 1, errors } };
      }
      case 'GET /edges': return page(edges);
      case 'POST /edges': { const e = { id: `edge_${randomUUID()}`, siteId: body.siteId, name: body.name, status: 'pending', version: null, lastSeenAt: null, diskUsedBytes: null, clockOffsetMs: null, cameras: 0 }; edges.push(e); return { status: 201, body: { edge: e, enrolmentToken: `enrol_${randomUUID()}` } }; }
      case 'GET /audit': return page(audit.filter((a) => (!query.get('actor') || a.actor === query.get('actor')) && (!query.get('action') || String(a.action).startsWith(query.get('action')!))));
      case 'GET /audit/verify': return { status: 200, body: { ok: true, checked: audit.length } };
      case 'GET /tokens': return page(tokens);
      case 'POST /tokens': { const t = { id: `tok_${randomUUID()}`, name: body.name, role: body.role, createdAt: iso(), expiresAt: null }; tokens.push(t); return { status: 201, body: { token: `cn_${randomUUID()}`, item: t } }; }
      case 'DELETE /tokens/:id': tokens.splice(tokens.findIndex((t) => t.id === id), 1); return { status: 204 };
    }
    return err(404, 'not_found', `No route ${method} ${path}`);
  };
}
