import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuditService } from '../features/audit/audit.service.ts';
import { actorOf } from './principal.ts';

function outcomeOf(status: number): 'success' | 'failure' | 'denied' {
  if (status < 400) return 'success';
  return status === 401 || status === 403 || status === 423 ? 'denied' : 'failure';
}

function actorFor(req: FastifyRequest, bodyField?: string): string {
  if (req.auditNote?.actor) return req.auditNote.actor;
  if (req.principal) return actorOf(req.principal);
  const body = req.body as Record<string, unknown> | undefined;
  const given = bodyField && body && typeof body[bodyField] === 'string' ? String(body[bodyField]).toLowerCase() : null;
  return given ?? 'anonymous';
}

/**
 * The one place that writes the audit log for requests: every route with an `audit` spec is recorded
 * (success, failure or denied) before its response leaves, so an unrecorded action is never acknowledged.
 */
export function registerAuditHook(app: FastifyInstance, audit: AuditService): void {
  app.decorateRequest('auditNote', null as never);
  app.addHook('onRequest', async (req) => {
    req.auditNote = {};
  });
  app.addHook('onSend', async (req: FastifyRequest, reply: FastifyReply, payload) => {
    const spec = req.routeOptions.config?.audit;
    if (!spec) return payload;
    const note = req.auditNote ?? {};
    const target = note.target ?? spec.target?.(req) ?? null;
    await audit.record({
      actor: actorFor(req, spec.actorFromBody),
      action: spec.action,
      target,
      purpose: note.purpose ?? null,
      outcome: outcomeOf(reply.statusCode),
      details: { status: reply.statusCode, ip: req.ip, ...(note.details ?? {}) },
    });
    return payload;
  });
}
