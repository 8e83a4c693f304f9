import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '@camnet/core';
import { hitsToCsv, hitsToGeoJson } from './search.presenter.ts';
import { journeyQuerySchema, parseRequestSchema, searchRequestSchema } from './search.schemas.ts';
import type { SearchRequest } from './search.schemas.ts';
import type { SearchService } from './search.service.ts';

/** Who may search vehicle events: never auditors (they read the log of searches instead). */
const searchers = { roles: ['investigator', 'operator', 'admin'] as const };

/** What the audit record keeps of a search: the filters as asked, sort and page. */
const auditedFilters = (body: SearchRequest) => ({ filters: body.filters, sort: body.sort, cursor: body.cursor ?? null });

/** Vehicle search, journey, exports and the natural-language parser. Every search is audited with its purpose and result count. */
export function registerSearchRoutes(root: FastifyInstance, { search }: { search: SearchService }): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['search'];
  const withPurpose = (req: FastifyRequest, raw: unknown) => {
    const purpose = search.checkPurpose(raw);
    req.auditNote.purpose = purpose;
    return purpose;
  };

  app.post('/api/v1/search', {
    schema: { tags, summary: 'Search vehicle events (purpose required)', body: searchRequestSchema },
    config: { access: searchers, audit: { action: 'search.run' } },
  }, async (req) => {
    req.auditNote.details = auditedFilters(req.body);
    withPurpose(req, req.body.purpose);
    const result = await search.search(req.body);
    req.auditNote.details = { ...auditedFilters(req.body), resultCount: result.items.length, total: result.total.count, totalCapped: result.total.capped };
    return result;
  });

  app.post('/api/v1/search/export', {
    schema: { tags, summary: 'Export every hit of a search as CSV or GeoJSON (purpose required)', body: searchRequestSchema, querystring: z.object({ format: z.enum(['csv', 'geojson']).default('csv') }) },
    config: { access: searchers, audit: { action: 'search.export' } },
  }, async (req, reply) => {
    req.auditNote.details = { ...auditedFilters(req.body), format: req.query.format };
    withPurpose(req, req.body.purpose);
    const { items, truncated } = await search.exportAll(req.body);
    req.auditNote.details = { ...auditedFilters(req.body), format: req.query.format, resultCount: items.length, truncated };
    reply.header('x-camnet-truncated', String(truncated));
    if (req.query.format === 'csv') return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="search.csv"').send(hitsToCsv(items));
    return reply.type('application/geo+json').header('content-disposition', 'attachment; filename="search.geojson"').send(JSON.stringify(hitsToGeoJson(items)));
  });

  app.get('/api/v1/vehicles/journey', {
    schema: { tags, summary: 'Every sighting of one plate in time order with its path (purpose in the query: caseNumber, offence, reason)', querystring: journeyQuerySchema },
    config: { access: searchers, audit: { action: 'search.journey', target: (req) => (req.query as { plate?: string }).plate?.toUpperCase() } },
  }, async (req, reply) => {
    const q = req.query;
    withPurpose(req, { caseNumber: q.caseNumber, offence: q.offence, text: q.reason });
    const journey = await search.journey(q);
    req.auditNote.details = { plate: journey.plate, fuzzy: q.fuzzy === 'true', from: q.from ?? null, to: q.to ?? null, last: q.last ?? null, resultCount: journey.sightings.length };
    if (req.headers.accept?.includes('application/geo+json')) return reply.type('application/geo+json').send(JSON.stringify(journey.path));
    return journey;
  });

  app.post('/api/v1/search/parse', {
    schema: { tags, summary: 'Parse free text ("red pickup near Gravois and Chippewa last night after 9") into filters and chips; runs nothing', body: parseRequestSchema },
    config: { access: searchers },
  }, async (req) => search.parse(req.body.text, req.body.utcOffsetMinutes));

  app.get('/api/v1/vehicle-events/:id/thumbnail', {
    schema: { tags, summary: 'An event\'s thumbnail (JPEG), as linked from search hits', params: z.object({ id: z.string().regex(/^\d{1,16}$/) }) },
    // Not audited one by one: a page of hits loads dozens, and the search that listed them is audited with its purpose.
    config: { access: searchers },
  }, async (req, reply) => {
    const jpeg = await search.thumbnail(Number(req.params.id));
    if (!jpeg) throw notFound('thumbnail_not_found', 'This event has no thumbnail.');
    return reply.type('image/jpeg').header('cache-control', 'private, max-age=3600').send(Buffer.from(jpeg, 'base64'));
  });
}
