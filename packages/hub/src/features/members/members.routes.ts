import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MEMBER_KINDS } from '@camnet/core';
import { pageQuery } from '../../http/pagination.ts';
import type { MembersService } from './members.service.ts';

const memberBody = z.object({
  name: z.string().trim().min(1).max(160),
  kind: z.enum(MEMBER_KINDS),
  contactEmail: z.string().email().max(320).nullable().optional(),
});

/** Member organisations. */
export function registerMemberRoutes(root: FastifyInstance, { members }: { members: MembersService }): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['members'];
  const byId = (req: { params: unknown }) => (req.params as { id: string }).id;

  app.get('/api/v1/members', {
    schema: { tags, summary: 'List members (owners see their own)', querystring: z.object({ ...pageQuery, kind: z.enum(MEMBER_KINDS).optional(), q: z.string().max(100).optional() }) },
    config: { access: { roles: 'any' } },
  }, async (req) => members.list(req.principal!, req.query));

  app.post('/api/v1/members', {
    schema: { tags, summary: 'Add a member organisation', body: memberBody },
    config: { access: { roles: ['admin'] }, audit: { action: 'member.create' } },
  }, async (req, reply) => {
    const m = await members.create(req.body);
    req.auditNote.target = m.id;
    return reply.status(201).send(m);
  });

  app.get('/api/v1/members/:id', {
    schema: { tags, summary: 'One member', params: z.object({ id: z.string() }) },
    config: { access: { roles: 'any' } },
  }, async (req) => members.get(req.principal!, req.params.id));

  app.patch('/api/v1/members/:id', {
    schema: { tags, summary: 'Change a member', params: z.object({ id: z.string() }), body: memberBody.partial() },
    config: { access: { roles: ['admin'] }, audit: { action: 'member.update', target: byId } },
  }, async (req) => members.update(req.principal!, req.params.id, req.body));
}
