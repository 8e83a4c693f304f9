import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { boloInputSchema } from './bolo.ts';
import type { BolosService } from './bolos.service.ts';

/** Who sends BOLOs, and who receives them. */
export const BOLO_SENDERS = ['admin', 'operator'] as const;
export const BOLO_READERS = ['admin', 'operator', 'patrol'] as const;

/** BOLOs: send (operators), the patrol feed, acknowledgement. */
export function registerBoloRoutes(root: FastifyInstance, { bolos }: { bolos: BolosService }): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['bolos'];
  const idParams = z.object({ id: z.string().min(1).max(64) });
  const byId = (req: { params: unknown }) => (req.params as { id: string }).id;

  app.post('/api/v1/bolos', {
    bodyLimit: 3 * 1024 * 1024,
    schema: { tags, summary: 'Send a BOLO to patrol (from an incident or an event)', body: boloInputSchema },
    config: { access: { roles: BOLO_SENDERS }, audit: { action: 'bolo.send' } },
  }, async (req, reply) => {
    const bolo = await bolos.send(req.principal!, req.body);
    req.auditNote.target = bolo.id;
    req.auditNote.details = { incidentId: bolo.incidentId, eventId: bolo.eventId, plate: bolo.plate, images: bolo.images.length };
    return reply.status(201).send(bolo);
  });

  app.get('/api/v1/bolos', {
    schema: { tags, summary: 'BOLOs, newest first, with acknowledgements', querystring: z.object({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(100).default(30) }) },
    config: { access: { roles: BOLO_READERS }, audit: { action: 'bolo.list' } },
  }, async (req) => bolos.list(req.principal!, req.query));

  app.get('/api/v1/bolos/:id', { schema: { tags, summary: 'One BOLO', params: idParams }, config: { access: { roles: BOLO_READERS }, audit: { action: 'bolo.read', target: byId } } },
    async (req) => bolos.get(req.principal!, req.params.id));

  app.post('/api/v1/bolos/:id/ack', {
    schema: { tags, summary: 'Patrol acknowledges a BOLO (once per user; repeats answer the first)', params: idParams, body: z.object({ note: z.string().trim().max(500).optional() }).default({}) },
    config: { access: { roles: ['patrol', 'operator', 'admin'] }, audit: { action: 'bolo.acknowledge', target: byId } },
  }, async (req) => bolos.acknowledge(req.principal!, req.params.id, req.body?.note));
}
