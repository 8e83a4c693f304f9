import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invalid } from '@camnet/core';
import { geocodingFromCsv, geocodingFromGeoJson } from './geocoding-interchange.ts';
import type { GeocodingService } from './geocoding.service.ts';

/** Roles that look places up (the crime centre, investigators, patrol). */
export const GEOCODE_ROLES = ['admin', 'operator', 'investigator', 'patrol'] as const;

/** Offline geocoding: look-up, and import of address points / intersections (CSV in the OpenAddresses layout, GeoJSON). */
export function registerGeocodingRoutes(root: FastifyInstance, { geocoding }: { geocoding: GeocodingService }): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['geocoding'];

  app.get('/api/v1/geocode', {
    schema: { tags, summary: 'Geocode "3500 Gravois Ave" or "Gravois & Chippewa" from the imported address data', querystring: z.object({ q: z.string().trim().min(2).max(200) }) },
    config: { access: { roles: GEOCODE_ROLES } },
  }, async (req) => geocoding.geocode(req.query.q));

  app.get('/api/v1/geocoding', { schema: { tags, summary: 'How much address data is loaded' }, config: { access: { roles: GEOCODE_ROLES } } },
    async () => geocoding.counts());

  app.post('/api/v1/geocoding/import', {
    schema: {
      tags, summary: 'Import address points or intersections: text/csv (OpenAddresses: LON,LAT,NUMBER,STREET,… or LON,LAT,STREET1,STREET2) or application/geo+json; all rows or none',
      querystring: z.object({ dryRun: z.enum(['true', 'false']).default('true') }),
    },
    config: { access: { roles: ['admin'] }, audit: { action: 'geocoding.import' } },
  }, async (req) => {
    const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim();
    if (typeof req.body !== 'string') throw invalid('import_body_missing', 'Send the file as text/csv or application/geo+json.');
    const parsed = type === 'text/csv' ? geocodingFromCsv(req.body) : geocodingFromGeoJson(req.body);
    const result = await geocoding.importRows(parsed, req.query.dryRun === 'true');
    req.auditNote.details = { dryRun: req.query.dryRun === 'true', rows: result.rows, addressPoints: result.addressPoints, intersections: result.intersections, errors: result.errors.length };
    return result;
  });
}
