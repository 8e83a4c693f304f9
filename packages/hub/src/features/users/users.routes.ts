import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '@camnet/core';
import { pageQuery } from '../../http/pagination.ts';
import { presentUser } from './user.ts';
import type { UsersService } from './users.service.ts';

const admin = { roles: ['admin'] as const };

/** Account administration (admins). */
export function registerUserRoutes(root: FastifyInstance, { users }: { users: UsersService }): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];
  const byId = (req: { params: unknown }) => (req.params as { id: string }).id;

  app.get('/api/v1/users', {
    schema: { tags, summary: 'List accounts', querystring: z.object({ ...pageQuery, memberId: z.string().optional(), role: z.enum(ROLES).optional(), q: z.string().max(100).optional() }) },
    config: { access: admin, audit: { action: 'user.list' } },
  }, async (req) => {
    const { cursor, limit, ...filter } = req.query;
    const page = await users.list(filter, { cursor, limit });
    return { items: page.items.map(presentUser), nextCursor: page.nextCursor };
  });

  app.post('/api/v1/users', {
    schema: {
      tags, summary: 'Create an account',
      body: z.object({ email: z.string().email().max(320), name: z.string().trim().min(1).max(120), role: z.enum(ROLES), memberId: z.string().min(1), password: z.string().max(256) }),
    },
    config: { access: admin, audit: { action: 'user.create' } },
  }, async (req, reply) => {
    const user = await users.create(req.body);
    req.auditNote.target = user.id;
    req.auditNote.details = { email: user.email, role: user.role, memberId: user.memberId };
    return reply.status(201).send(presentUser(user));
  });

  app.get('/api/v1/users/:id', {
    schema: { tags, summary: 'One account', params: z.object({ id: z.string() }) },
    config: { access: admin, audit: { action: 'user.read', target: byId } },
  }, async (req) => presentUser(await users.get(req.params.id)));

  app.patch('/api/v1/users/:id', {
    schema: {
      tags, summary: 'Change role, name or disable an account', params: z.object({ id: z.string() }),
      body: z.object({ role: z.enum(ROLES).optional(), disabled: z.boolean().optional(), name: z.string().trim().min(1).max(120).optional() }),
    },
    config: { access: admin, audit: { action: 'user.update', target: byId } },
  }, async (req) => {
    const before = await users.get(req.params.id);
    const after = await users.update(req.principal!.userId, req.params.id, req.body);
    req.auditNote.details = { before: { role: before.role, disabled: before.disabled }, after: { role: after.role, disabled: after.disabled } };
    return presentUser(after);
  });
}
