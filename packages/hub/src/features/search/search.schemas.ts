import { z } from 'zod';
import { COLOURS, VEHICLE_EVENT_SOURCES, VEHICLE_TYPES } from '@camnet/core';

/** Why a search is made: a case number, an offence category (from config) and a short text. Checked by the service (`purpose_required`). */
export const purposeSchema = z.object({
  caseNumber: z.string().trim().min(1).max(60),
  offence: z.string().trim().min(1).max(80),
  text: z.string().trim().min(3).max(500),
});
export type Purpose = z.infer<typeof purposeSchema>;

const lonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

/** A time range: absolute (`from`/`to`, ISO 8601) or relative (`last`: 30m, 24h, 7d). Default: the last 24 hours. */
export const timeFilterSchema = z.object({
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  last: z.string().regex(/^\d{1,4}(m|h|d)$/, 'last is a number and a unit: 30m, 24h, 7d').optional(),
});

/** A place: camera ids, a drawn polygon ([lon, lat] ring), a radius round a point, or an address or intersection ("Gravois & Chippewa"). */
export const placeFilterSchema = z.object({
  cameraIds: z.array(z.string().min(1)).min(1).max(5000).optional(),
  polygon: z.array(lonLat).min(3).max(500).optional(),
  near: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180), radiusM: z.number().positive().max(50_000) }).optional(),
  address: z.string().trim().min(2).max(200).optional(),
  /** Radius round an address or intersection, metres. */
  radiusM: z.number().positive().max(5000).default(150),
});

export const DIRECTIONS = ['north', 'north-east', 'east', 'south-east', 'south', 'south-west', 'west', 'north-west'] as const;

/** Everything a search can filter on; every field optional. */
export const searchFiltersSchema = z.object({
  time: timeFilterSchema.optional(),
  place: placeFilterSchema.optional(),
  types: z.array(z.enum(VEHICLE_TYPES)).max(VEHICLE_TYPES.length).optional(),
  colours: z.array(z.enum(COLOURS)).max(COLOURS.length).optional(),
  /** Also offer the look-alike colour (silver → gray); each hit says which matched. Default true. */
  similarColours: z.boolean().default(true),
  /** A plate (exact), a pattern with `?` (one character) and `*` (any run), or with `fuzzy` OCR look-alikes and one dropped/extra character. */
  plate: z.object({ text: z.string().trim().min(1).max(20), fuzzy: z.boolean().default(false) }).optional(),
  direction: z.enum(DIRECTIONS).optional(),
  minConfidence: z.number().min(0).max(1).optional(),
  sources: z.array(z.enum(VEHICLE_EVENT_SOURCES)).min(1).optional(),
});
export type SearchFilters = z.infer<typeof searchFiltersSchema>;

/** POST /api/v1/search: a purpose (required; refused with `purpose_required` when missing), filters, sort, page, facets. */
export const searchRequestSchema = z.object({
  purpose: z.unknown().optional().describe('{ caseNumber, offence, text } — required'),
  filters: searchFiltersSchema.default({ similarColours: true }),
  sort: z.enum(['time_desc', 'time_asc', 'quality']).default('time_desc'),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(500).default(100),
  facets: z.boolean().default(false),
});
export type SearchRequest = z.infer<typeof searchRequestSchema>;

/** GET /api/v1/vehicles/journey: the purpose travels in the query string (so a journey link can be shared inside a case). */
export const journeyQuerySchema = z.object({
  plate: z.string().trim().min(1).max(20),
  fuzzy: z.enum(['true', 'false']).default('false'),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  last: z.string().regex(/^\d{1,4}(m|h|d)$/).optional(),
  caseNumber: z.string().optional(),
  offence: z.string().optional(),
  reason: z.string().optional(),
});
export type JourneyQuery = z.infer<typeof journeyQuerySchema>;

/** POST /api/v1/search/parse: free text, and the viewer's UTC offset so "last night" means their night. */
export const parseRequestSchema = z.object({
  text: z.string().trim().min(1).max(300),
  utcOffsetMinutes: z.number().int().min(-14 * 60).max(14 * 60).default(0),
});
