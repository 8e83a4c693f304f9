import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '@camnet/core';
import { presentToken } from './tokens.service.ts';
import type { TokensService } from './tokens.service.ts';

/** API tokens: everyone manages their own; admins see all. */
export function registerTokenRoutes(root: FastifyInstance, { tokens }: { tokens: TokensService }): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['tokens'];

  app.get('/api/v1/tokens', { schema: { tags, summary: 'List API tokens' }, config: { access: { roles: 'any' } } }, async (req) => {
    const p = req.principal!;
    const items = await tokens.list(p.role === 'admin' ? undefined : p.userId);
    return { items: items.map(presentToken), nextCursor: null };
  });

  app.post('/api/v1/tokens', {
    schema: { tags, summary: 'Create an API token (shown once)', body: z.object({ name: z.string().trim().min(1).max(80), role: z.enum(ROLES), expiresInDays: z.number().int().optional() }) },
    config: { access: { roles: 'any' }, audit: { action: 'token.create' } },
  }, async (req, reply) => {
    const { token, item } = await tokens.create(req.principal!.userId, req.body);
    req.auditNote.target = item.id;
    req.auditNote.details = { name: item.name, role: item.role };
    return reply.status(201).send({ token, item: presentToken(item) });
  });

  app.delete('/api/v1/tokens/:id', {
    schema: { tags, summary: 'Revoke an API token', params: z.object({ id: z.string() }) },
    config: { access: { roles: 'any' }, audit: { action: 'token.revoke', target: (req) => (req.params as { id: string }).id } },
  }, async (req) => presentToken(await tokens.revoke(req.principal!, req.params.id)));
}
