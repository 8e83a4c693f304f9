import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/principal.ts';
import { INCIDENT_STATUSES } from './incident.ts';
import { cadCallSchema, incidentFromCad, incidentInputSchema, incidentPatchSchema, noteSchema } from './incident.schemas.ts';
import type { IncidentsService } from './incidents.service.ts';

/** Who works incidents in the crime centre. */
export const INCIDENT_ROLES = ['admin', 'operator'] as const;
/** Who may read them (investigators follow up). */
export const INCIDENT_READERS = ['admin', 'operator', 'investigator'] as const;

/** Incidents from the dashboard, the API and the CAD webhook; status, notes, dispositions and the timeline. */
export function registerIncidentRoutes(root: FastifyInstance, { incidents }: { incidents: IncidentsService }): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['incidents'];
  const idParams = z.object({ id: z.string().min(1).max(64) });
  const byId = (req: { params: unknown }) => (req.params as { id: string }).id;

  app.post('/api/v1/incidents', {
    schema: { tags, summary: 'Create an incident (dashboard or API); idempotent on externalId', body: incidentInputSchema },
    config: { access: { roles: INCIDENT_ROLES }, audit: { action: 'incident.create' } },
  }, async (req, reply) => {
    const source = req.principal!.via === 'token' ? 'api' : 'dashboard';
    const { incident, created } = await incidents.create(actorOf(req.principal), source, req.body);
    req.auditNote.target = incident.id;
    req.auditNote.details = { source, created, cameras: incident.cameras.filter((c) => c.covers).length };
    return reply.status(created ? 201 : 200).send(incident);
  });

  app.post('/api/v1/incidents/cad', {
    schema: { tags, summary: 'CAD webhook: a 911 call shaped after NENA EIDO; idempotent on incidentTrackingIdentifier (an operator API token)', body: cadCallSchema },
    config: { access: { roles: INCIDENT_ROLES }, audit: { action: 'incident.cad' } },
  }, async (req, reply) => {
    const { incident, created } = await incidents.create(actorOf(req.principal), 'cad', incidentFromCad(req.body));
    req.auditNote.target = incident.id;
    req.auditNote.details = { externalId: incident.externalId, created };
    return reply.status(created ? 201 : 200).send(incident);
  });

  app.get('/api/v1/incidents', {
    schema: {
      tags, summary: 'Incidents, newest first',
      querystring: z.object({
        status: z.enum(INCIDENT_STATUSES).optional(), type: z.string().max(80).optional(),
        from: z.iso.datetime().optional(), to: z.iso.datetime().optional(),
        cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
    },
    config: { access: { roles: INCIDENT_READERS } },
  }, async (req) => {
    const { status, type, from, to, cursor, limit } = req.query;
    return incidents.list({ status, types: type ? [type] : undefined, from, to }, { cursor, limit });
  });

  app.get('/api/v1/incidents/:id', {
    schema: { tags, summary: 'One incident with its ranked cameras and timeline', params: idParams },
    config: { access: { roles: INCIDENT_READERS }, audit: { action: 'incident.read', target: byId } },
  }, async (req) => ({ ...(await incidents.get(req.params.id)), timeline: await incidents.timeline(req.params.id) }));

  app.patch('/api/v1/incidents/:id', {
    schema: { tags, summary: 'Change status and/or disposition', params: idParams, body: incidentPatchSchema },
    config: { access: { roles: INCIDENT_ROLES }, audit: { action: 'incident.update', target: byId } },
  }, async (req) => {
    req.auditNote.details = { ...req.body };
    return incidents.update(actorOf(req.principal), req.params.id, req.body);
  });

  app.post('/api/v1/incidents/:id/notes', {
    schema: { tags, summary: 'Add a note to the timeline', params: idParams, body: noteSchema },
    config: { access: { roles: INCIDENT_ROLES }, audit: { action: 'incident.note', target: byId } },
  }, async (req, reply) => reply.status(201).send(await incidents.addNote(actorOf(req.principal), req.params.id, req.body.text)));
}
