import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageQuery } from '../../http/pagination.ts';
import type { SitesService } from './sites.service.ts';

const siteBody = z.object({
  memberId: z.string().optional(),
  name: z.string().trim().min(1).max(160),
  address: z.string().trim().min(1).max(300),
  lat: z.number().min(-90, 'latitude must be between -90 and 90').max(90, 'latitude must be between -90 and 90'),
  lon: z.number().min(-180, 'longitude must be between -180 and 180').max(180, 'longitude must be between -180 and 180'),
});

const editors = { roles: ['admin', 'owner', 'installer'] as const };

/** Sites (addresses with cameras). */
export function registerSiteRoutes(root: FastifyInstance, { sites }: { sites: SitesService }): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['sites'];
  const byId = (req: { params: unknown }) => (req.params as { id: string }).id;
  const idParams = z.object({ id: z.string() });

  app.get('/api/v1/sites', {
    schema: { tags, summary: 'List sites', querystring: z.object({ ...pageQuery, memberId: z.string().optional(), q: z.string().max(100).optional() }) },
    config: { access: { roles: 'any' } },
  }, async (req) => sites.list(req.principal!, req.query));

  app.post('/api/v1/sites', { schema: { tags, summary: 'Add a site', body: siteBody }, config: { access: editors, audit: { action: 'site.create' } } }, async (req, reply) => {
    const s = await sites.create(req.principal!, req.body);
    req.auditNote.target = s.id;
    return reply.status(201).send(s);
  });

  app.get('/api/v1/sites/:id', { schema: { tags, summary: 'One site', params: idParams }, config: { access: { roles: 'any' } } },
    async (req) => sites.get(req.principal!, req.params.id));

  app.patch('/api/v1/sites/:id', {
    schema: { tags, summary: 'Change a site', params: idParams, body: siteBody.omit({ memberId: true }).partial() },
    config: { access: editors, audit: { action: 'site.update', target: byId } },
  }, async (req) => sites.update(req.principal!, req.params.id, req.body));

  app.delete('/api/v1/sites/:id', {
    schema: { tags, summary: 'Remove a site without cameras', params: idParams },
    config: { access: { roles: ['admin', 'owner'] }, audit: { action: 'site.delete', target: byId } },
  }, async (req, reply) => {
    await sites.remove(req.principal!, req.params.id);
    return reply.status(204).send();
  });
}
