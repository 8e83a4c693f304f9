import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { unauthenticated } from '@camnet/core';
import { presentUser } from '../users/user.ts';
import type { UserRecord } from '../users/user.ts';
import type { AuthService, SignedIn } from './auth.service.ts';
import type { Principal } from '../../http/principal.ts';

export const SESSION_COOKIE = 'camnet_session';

export interface AuthRoutesDeps {
  auth: AuthService;
  cookie: { secure: boolean; maxAgeSeconds: number };
  networkName: string;
  loginPerMinute: number;
}

const sessionBody = (user: UserRecord, csrfToken: string, mfa: string) => ({ user: presentUser(user), csrfToken, mfa });

/** Sign-in, second factor, sign-out and first-run set-up. */
export function registerAuthRoutes(root: FastifyInstance, { auth, cookie, networkName, loginPerMinute }: AuthRoutesDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];

  const startSession = (reply: FastifyReply, s: SignedIn) => {
    reply.setCookie(SESSION_COOKIE, s.secret, { httpOnly: true, sameSite: 'strict', secure: cookie.secure, path: '/', maxAge: cookie.maxAgeSeconds });
    return sessionBody(s.user, s.session.csrfToken, s.session.mfaState);
  };

  app.get('/api/v1/auth/session', { schema: { tags, summary: 'The current session' }, config: { access: { roles: 'any', allowMfaPending: true } } }, async (req) => {
    const p = req.principal!;
    const user = await auth.toUser(p.userId);
    return sessionBody(user, p.csrfToken ?? '', p.mfa);
  });

  app.post('/api/v1/auth/login', {
    schema: { tags, summary: 'Sign in with email and password', body: z.object({ email: z.string().min(3).max(320), password: z.string().min(1).max(1024) }) },
    config: { access: { public: true }, audit: { action: 'auth.login', actorFromBody: 'email' }, rateLimit: { max: loginPerMinute, timeWindow: 60_000 } },
  }, async (req, reply) => {
    const signedIn = await auth.login(req.body.email, req.body.password);
    req.auditNote.actor = signedIn.user.email;
    req.auditNote.target = signedIn.user.id;
    return startSession(reply, signedIn);
  });

  app.post('/api/v1/auth/mfa/verify', {
    schema: { tags, summary: 'Complete sign-in with a TOTP or recovery code', body: z.object({ code: z.string().min(6).max(32) }) },
    config: { access: { roles: 'any', allowMfaPending: true }, audit: { action: 'auth.mfa_verify' }, rateLimit: { max: loginPerMinute, timeWindow: 60_000 } },
  }, async (req) => {
    const user = await auth.verifySecondFactor(req.principal!, req.body.code);
    return sessionBody(user, req.principal!.csrfToken ?? '', 'ok');
  });

  app.post('/api/v1/auth/mfa/enrol', {
    schema: { tags, summary: 'Start TOTP enrolment (QR code)' },
    config: { access: { roles: 'any', allowMfaPending: true }, audit: { action: 'auth.mfa_enrol_start' } },
  }, async (req) => auth.beginEnrolment(req.principal!));

  app.post('/api/v1/auth/mfa/enrol/confirm', {
    schema: { tags, summary: 'Confirm TOTP enrolment; returns recovery codes once', body: z.object({ code: z.string().min(6).max(10) }) },
    config: { access: { roles: 'any', allowMfaPending: true }, audit: { action: 'auth.mfa_enrolled' } },
  }, async (req) => {
    const { recoveryCodes, user } = await auth.confirmEnrolment(req.principal!, req.body.code);
    return { recoveryCodes, session: sessionBody(user, req.principal!.csrfToken ?? '', 'ok') };
  });

  app.post('/api/v1/auth/logout', {
    schema: { tags, summary: 'Sign out' },
    config: { access: { roles: 'any', allowMfaPending: true }, audit: { action: 'auth.logout' } },
  }, async (req, reply) => {
    if (req.principal?.sessionId) await auth.logout(req.principal.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/api/v1/setup/status', { schema: { tags, summary: 'Whether the hub still needs its first admin' }, config: { access: { public: true } } },
    async () => ({ needsSetup: await auth.needsSetup() }));

  app.post('/api/v1/setup', {
    schema: {
      tags, summary: 'Create the first admin with the one-time set-up token',
      body: z.object({ token: z.string().min(10).max(200), email: z.string().email(), name: z.string().trim().min(1).max(120), password: z.string().max(256) }),
    },
    config: { access: { public: true }, audit: { action: 'auth.setup', actorFromBody: 'email' }, rateLimit: { max: loginPerMinute, timeWindow: 60_000 } },
  }, async (req, reply) => {
    const signedIn = await auth.completeSetup({ ...req.body, networkName });
    req.auditNote.target = signedIn.user.id;
    return startSession(reply, signedIn);
  });
}

/** Reads the principal from the session cookie or a bearer token; unknown credentials are an error, absent ones are not. */
export async function resolvePrincipal(
  deps: { auth: AuthService; resolveToken: (t: string) => Promise<Principal | null> },
  headers: { authorization?: string },
  cookies: Record<string, string | undefined>,
) {
  const bearer = headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer) {
    const p = await deps.resolveToken(bearer);
    if (!p) throw unauthenticated('token_invalid', 'The API token is unknown, revoked or expired.');
    return p;
  }
  const secret = cookies[SESSION_COOKIE];
  return secret ? deps.auth.resolveSession(secret) : null;
}
