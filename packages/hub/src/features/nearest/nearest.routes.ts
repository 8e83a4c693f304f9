import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invalid } from '@camnet/core';
import type { GeocodingService } from '../geocoding/geocoding.service.ts';
import type { NearestService } from './nearest.service.ts';

const query = z.object({
  lat: z.coerce.number().min(-90).max(90).optional(),
  lon: z.coerce.number().min(-180).max(180).optional(),
  address: z.string().trim().min(2).max(200).optional().describe('Geocoded offline when lat/lon are not given'),
  k: z.coerce.number().int().min(1).max(50).default(10).describe('How many covering cameras'),
  radiusM: z.coerce.number().min(1).max(1000).default(46).describe('Radius for nearby cameras whose view misses the point (46 m ≈ 150 ft)'),
});

/** `GET /api/v1/cameras/nearest`: the cameras that can see a point, ranked, and nearby ones that cannot (apart). */
export function registerNearestRoutes(root: FastifyInstance, deps: { nearest: NearestService; geocoding: GeocodingService }): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/cameras/nearest', {
    schema: { tags: ['cameras'], summary: 'Cameras whose view covers a point (ranked) and nearby cameras that miss it', querystring: query },
    config: { access: { roles: ['admin', 'operator', 'investigator', 'patrol'] }, audit: { action: 'camera.nearest' } },
  }, async (req) => {
    const { lat, lon, address, k, radiusM } = req.query;
    let point: { lat: number; lon: number };
    let geocoded = null;
    if (lat !== undefined && lon !== undefined) point = { lat, lon };
    else if (address) {
      geocoded = await deps.geocoding.geocode(address);
      point = { lat: geocoded.lat, lon: geocoded.lon };
    } else throw invalid('position_missing', 'Give lat and lon, or an address.');
    const result = await deps.nearest.nearest(point, { k, radiusM });
    req.auditNote.details = { lat: point.lat, lon: point.lon, ...(address ? { address } : {}), covering: result.covering.length };
    return { ...result, geocoded };
  });
}
