import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageQuery } from '../../http/pagination.ts';
import type { AuditService } from './audit.service.ts';

const auditors = { roles: ['admin', 'auditor'] as const };

/** Browsing and verifying the audit log. Reading it is itself audited. */
export function registerAuditRoutes(root: FastifyInstance, { audit }: { audit: AuditService }): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];

  app.get('/api/v1/audit', {
    schema: {
      tags, summary: 'Browse the audit log, newest first',
      querystring: z.object({
        ...pageQuery,
        actor: z.string().max(320).optional(), action: z.string().max(64).optional().describe('exact, or a prefix ending in *'),
        target: z.string().max(200).optional(), from: z.string().datetime().optional(), to: z.string().datetime().optional(),
      }),
    },
    config: { access: auditors, audit: { action: 'audit.read' } },
  }, async (req) => {
    const { cursor, limit, ...filter } = req.query;
    req.auditNote.details = { filter };
    return audit.list(filter, { cursor, limit });
  });

  app.get('/api/v1/audit/verify', {
    schema: { tags, summary: 'Walk the hash chain and name the first broken record' },
    config: { access: auditors, audit: { action: 'audit.verify' } },
  }, async () => audit.verify());
}
