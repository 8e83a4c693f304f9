import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { IncidentsService } from '../incidents/incidents.service.ts';
import { hexBins, hexBinsToGeoJson } from './hex-bins.ts';

const MAX_POINTS = 200_000;

/** `GET /api/v1/hotspots`: incidents as hexagon bins, filtered by type and time; JSON or GeoJSON. */
export function registerHotspotRoutes(root: FastifyInstance, { incidents }: { incidents: IncidentsService }): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/hotspots', {
    schema: {
      tags: ['hotspots'], summary: 'Incidents as hexagon bins (hot-spot layer); format=geojson for a FeatureCollection',
      querystring: z.object({
        types: z.string().max(1000).optional().describe('Comma-separated incident types'),
        from: z.iso.datetime().optional(), to: z.iso.datetime().optional(),
        cellM: z.coerce.number().min(20).max(5000).default(150).describe('Hexagon size, centre to corner, metres'),
        format: z.enum(['json', 'geojson']).default('json'),
      }),
    },
    config: { access: { roles: ['admin', 'operator', 'investigator', 'auditor'] } },
  }, async (req, reply) => {
    const { types, from, to, cellM, format } = req.query;
    const typeList = types?.split(',').map((t) => t.trim()).filter(Boolean);
    const points = await incidents.points({ types: typeList?.length ? typeList : undefined, from, to }, MAX_POINTS);
    const bins = hexBins(points, cellM);
    if (format === 'geojson') {
      return reply.type('application/geo+json').header('content-disposition', 'attachment; filename="hotspots.geojson"').send(JSON.stringify(hexBinsToGeoJson(bins)));
    }
    return { cellM, incidents: points.length, truncated: points.length >= MAX_POINTS, bins: bins.map(({ ring: _r, ...b }) => b), geojson: hexBinsToGeoJson(bins) };
  });
}
