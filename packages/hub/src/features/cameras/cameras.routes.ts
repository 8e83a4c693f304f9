import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CAMERA_STATUSES, cameraInputSchema, cameraPatchSchema, invalid } from '@camnet/core';
import { pageQuery } from '../../http/pagination.ts';
import { MAP_FIELDS, presentCamera } from './camera.ts';
import { camerasFromCsv, camerasFromGeoJson, camerasToCsv, camerasToGeoJson } from './camera-interchange.ts';
import type { CamerasService } from './cameras.service.ts';

const editors = { roles: ['admin', 'owner', 'installer'] as const };
const readers = { roles: 'any' as const };

/** The camera registry: CRUD, attestation, the compact map form, CSV/GeoJSON import and export. */
export function registerCameraRoutes(root: FastifyInstance, { cameras }: { cameras: CamerasService }): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['cameras'];
  const byId = (req: { params: unknown }) => (req.params as { id: string }).id;
  const idParams = z.object({ id: z.string() });

  root.addContentTypeParser(['text/csv', 'application/geo+json'], { parseAs: 'string', bodyLimit: 20 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  app.get('/api/v1/cameras', {
    schema: {
      tags, summary: 'List cameras (owners see their own)',
      querystring: z.object({ ...pageQuery, siteId: z.string().optional(), memberId: z.string().optional(), status: z.enum(CAMERA_STATUSES).optional(), q: z.string().max(100).optional() }),
    },
    config: { access: readers, audit: { action: 'camera.list' } },
  }, async (req) => {
    const page = await cameras.list(req.principal!, req.query);
    return { items: page.items.map(presentCamera), nextCursor: page.nextCursor };
  });

  app.get('/api/v1/cameras/map', { schema: { tags, summary: 'Every visible camera in a compact form for the map' }, config: { access: readers } },
    async (req) => ({ fields: MAP_FIELDS, rows: await cameras.mapRows(req.principal!) }));

  app.post('/api/v1/cameras', { schema: { tags, summary: 'Add a camera', body: cameraInputSchema }, config: { access: editors, audit: { action: 'camera.create' } } }, async (req, reply) => {
    const c = await cameras.create(req.principal!, req.body);
    req.auditNote.target = c.id;
    req.auditNote.details = { siteId: c.siteId, sharingMode: c.sharingMode };
    return reply.status(201).send(presentCamera(c));
  });

  app.post('/api/v1/cameras/import', {
    schema: {
      tags, summary: 'Import cameras from CSV (text/csv) or GeoJSON (application/geo+json); all rows or none',
      querystring: z.object({ dryRun: z.enum(['true', 'false']).default('true') }),
    },
    config: { access: editors, audit: { action: 'camera.import' } },
  }, async (req) => {
    const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim();
    if (typeof req.body !== 'string') throw invalid('import_body_missing', 'Send the file as text/csv or application/geo+json.');
    const rows = type === 'text/csv' ? camerasFromCsv(req.body) : camerasFromGeoJson(req.body);
    const result = await cameras.importMany(req.principal!, rows, req.query.dryRun === 'true');
    req.auditNote.details = { dryRun: req.query.dryRun === 'true', rows: result.rows, imported: result.imported, errors: result.errors.length };
    return result;
  });

  app.get('/api/v1/cameras/export', {
    schema: { tags, summary: 'Export visible cameras as CSV or GeoJSON', querystring: z.object({ format: z.enum(['csv', 'geojson']).default('csv') }) },
    config: { access: readers, audit: { action: 'camera.export' } },
  }, async (req, reply) => {
    const all = await cameras.all(req.principal!);
    req.auditNote.details = { format: req.query.format, count: all.length };
    if (req.query.format === 'csv') return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="cameras.csv"').send(camerasToCsv(all));
    return reply.type('application/geo+json').header('content-disposition', 'attachment; filename="cameras.geojson"').send(JSON.stringify(camerasToGeoJson(all)));
  });

  app.get('/api/v1/cameras/:id', { schema: { tags, summary: 'One camera', params: idParams }, config: { access: readers, audit: { action: 'camera.read', target: byId } } },
    async (req) => presentCamera(await cameras.get(req.principal!, req.params.id)));

  app.patch('/api/v1/cameras/:id', {
    schema: { tags, summary: 'Change a camera', params: idParams, body: cameraPatchSchema },
    config: { access: editors, audit: { action: 'camera.update', target: byId } },
  }, async (req) => {
    const { before, after } = await cameras.update(req.principal!, req.params.id, req.body);
    req.auditNote.details = { changed: Object.keys(req.body), sharingBefore: before.sharingMode, sharingAfter: after.sharingMode };
    return presentCamera(after);
  });

  app.post('/api/v1/cameras/:id/attest', {
    schema: { tags, summary: 'Owner attests the camera views only public space (activates it)', params: idParams },
    config: { access: { roles: ['admin', 'owner'] }, audit: { action: 'camera.attest', target: byId } },
  }, async (req) => presentCamera(await cameras.attest(req.principal!, req.params.id)));

  app.delete('/api/v1/cameras/:id', {
    schema: { tags, summary: 'Remove a camera', params: idParams },
    config: { access: { roles: ['admin', 'owner'] }, audit: { action: 'camera.delete', target: byId } },
  }, async (req, reply) => {
    await cameras.remove(req.principal!, req.params.id);
    return reply.status(204).send();
  });
}
