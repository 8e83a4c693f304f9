import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { forbidden, unauthenticated } from '@camnet/core';
import type { Role } from '@camnet/core';
import type { Principal } from './principal.ts';

/** Every route declares who may call it. A route without a rule is refused when the app is built. */
export type Access =
  | { public: true }
  | { /** an enrolled edge agent, by its bearer credential */ edge: true }
  | { roles: readonly Role[] | 'any'; /** may be called before the second factor is done (enrolment, verify) */ allowMfaPending?: boolean };

/** What the audit hook records for a route: the action, and how to find the target. */
export interface AuditSpec {
  action: string;
  target?: (req: FastifyRequest) => string | null | undefined;
  /** For sign-in: the actor is the email given, since nobody is signed in yet. */
  actorFromBody?: string;
}

/** Notes a handler leaves for the audit hook (the created id, a purpose, details). */
export interface AuditNote {
  target?: string | null;
  purpose?: { caseNumber?: string; offence?: string; text?: string } | null;
  details?: Record<string, unknown>;
  actor?: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    audit?: AuditSpec;
  }
  interface FastifyRequest {
    principal: Principal | null;
    edgeId: string | null;
    auditNote: AuditNote;
  }
}

/** One row of the role/route table (docs/roles.md is generated from these). */
export interface RouteRule {
  method: string;
  url: string;
  access: string;
  audit: string | null;
}

export function describeAccess(access: Access): string {
  if ('public' in access) return 'public';
  if ('edge' in access) return 'edge credential';
  const roles = access.roles === 'any' ? 'any signed-in user' : access.roles.join(', ');
  return access.allowMfaPending ? `${roles} (before MFA)` : roles;
}

/** Collects each route's rule and refuses routes without one. Plugins' own documentation routes are public. */
export function registerAccessRules(app: FastifyInstance, table: RouteRule[]): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const config = (route.config ?? {}) as { access?: Access; audit?: AuditSpec };
    if (!config.access) {
      if (route.url.startsWith('/api/docs')) config.access = { public: true };
      else throw new Error(`route ${String(route.method)} ${route.url} has no access rule`);
      route.config = config as RouteOptions['config'];
    }
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      table.push({ method, url: route.url, access: describeAccess(config.access), audit: config.audit?.action ?? null });
    }
  });
}

/** Builds the hook that applies each route's rule to the resolved principal (or edge credential). */
export function createAccessGuard(deps: { authenticateEdge: (credential: string) => Promise<{ id: string }> }) {
  return async function enforceAccess(req: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const access = req.routeOptions.config.access;
    if (!access || 'public' in access) return;
    if ('edge' in access) {
      const bearer = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
      if (!bearer) throw unauthenticated('edge_credential_missing', 'An edge must present its credential.');
      req.edgeId = (await deps.authenticateEdge(bearer)).id;
      return;
    }
    return enforceUserAccess(req, access);
  };
}

function enforceUserAccess(req: FastifyRequest, access: Extract<Access, { roles: unknown }>): void {
  const p = req.principal;
  if (!p) throw unauthenticated('not_signed_in', 'Sign in to continue.');
  if (p.mfa !== 'ok' && !access.allowMfaPending) {
    throw unauthenticated(p.mfa === 'enrol_required' ? 'mfa_enrolment_required' : 'mfa_required',
      p.mfa === 'enrol_required' ? 'Set up two-step sign-in before continuing.' : 'Enter your sign-in code to continue.');
  }
  if (access.roles !== 'any' && !access.roles.includes(p.role)) {
    throw forbidden('role_not_allowed', `Your role (${p.role}) cannot do this.`, { allowed: access.roles });
  }
  if (p.via === 'session' && !['GET', 'HEAD', 'OPTIONS'].includes(req.method)) {
    if (req.headers['x-csrf-token'] !== p.csrfToken) throw forbidden('csrf_token_invalid', 'The page is out of date: reload it and try again.');
  }
}
