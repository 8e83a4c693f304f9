import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { presentEdge } from './edges.service.ts';
import type { EdgesService } from './edges.service.ts';
import type { CamerasService } from '../cameras/cameras.service.ts';

/** Edge registry and enrolment. (The edge's WebSocket lives in edge-link.routes.ts.) */
export function registerEdgeRoutes(root: FastifyInstance, { edges, cameras }: { edges: EdgesService; cameras: CamerasService }): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['edges'];

  app.get('/api/v1/edges', {
    schema: { tags, summary: 'List edges with health and the cameras each records' },
    config: { access: { roles: ['admin', 'operator', 'investigator', 'owner', 'installer', 'auditor'] } },
  }, async (req) => {
    const list = await edges.list(req.principal!);
    const withEdges = await edges.sitesWithEdges();
    const items = await Promise.all(list.map(async (e) => ({ ...presentEdge(e), cameras: (await cameras.servedBy(e, withEdges)).map((c) => c.id) })));
    return { items, nextCursor: null };
  });

  app.post('/api/v1/edges', {
    schema: { tags, summary: 'Register an edge; returns a one-time enrolment token', body: z.object({ siteId: z.string().min(1), name: z.string().trim().min(1).max(120) }) },
    config: { access: { roles: ['admin', 'owner', 'installer'] }, audit: { action: 'edge.create' } },
  }, async (req, reply) => {
    const { edge, enrolmentToken } = await edges.create(req.principal!, req.body);
    req.auditNote.target = edge.id;
    return reply.status(201).send({ edge: presentEdge(edge), enrolmentToken });
  });

  app.post('/api/v1/edges/enrol', {
    schema: { tags, summary: 'An edge trades its one-time token for a credential', body: z.object({ token: z.string().min(10).max(200) }) },
    config: { access: { public: true }, audit: { action: 'edge.enrol', actorFromBody: 'edge' }, rateLimit: { max: 30, timeWindow: 60_000 } },
  }, async (req) => {
    const r = await edges.enrol(req.body.token);
    req.auditNote.actor = `edge:${r.edgeId}`;
    req.auditNote.target = r.edgeId;
    return r;
  });
}
