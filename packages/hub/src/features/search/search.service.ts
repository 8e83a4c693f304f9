import { invalid, isPlatePattern, planPlateQuery } from '@camnet/core';
import type { Colour, LatLon } from '@camnet/core';
import type { CameraArea } from '../cameras/camera.store.ts';
import type { VehicleEventFacets, VehicleEventStore } from '../vehicle-events/vehicle-event.store.ts';
import { parseSearchText } from './search-parse.ts';
import { placeArea } from './search-places.ts';
import type { AddressPlace, CameraPlace } from './search-places.ts';
import { checkPurpose, decodeCursor, encodeCursor, planSearch, resolveTime } from './search-query.ts';
import { journeyView, presentHit } from './search.presenter.ts';
import type { SearchHitView } from './search.presenter.ts';
import { searchRequestSchema } from './search.schemas.ts';
import type { JourneyQuery, Purpose, SearchFilters, SearchRequest } from './search.schemas.ts';

/** Where cameras and addresses come from (the registry). */
export interface PlaceDirectory {
  cameras(): Promise<CameraPlace[]>;
  addresses(): Promise<AddressPlace[]>;
  /** An address or intersection from the network's geocoder; null when unknown (the site addresses are tried next). */
  geocode?(text: string): Promise<LatLon | null>;
  /** Ids of the cameras in an area, asked of the database (PostGIS); null when it cannot, and `cameras()` are filtered in memory. */
  camerasInArea?(area: CameraArea): Promise<string[] | null>;
}

export interface SearchServiceDeps {
  events: VehicleEventStore;
  places: PlaceDirectory;
  offenceCategories: readonly string[];
  clock: () => Date;
}

/** Counting stops here; beyond it the result says "10,000 or more". */
export const COUNT_CAP = 10_000;
/** Most rows an export or a journey carries. */
export const EXPORT_MAX = 10_000;
const PLACES_TTL_MS = 15_000;

/** One page of a search, with what it was asked and how it was understood. */
export interface SearchResult {
  items: SearchHitView[];
  nextCursor: string | null;
  total: { count: number; capped: boolean };
  colours: { requested: Colour[]; offered: Colour[] };
  resolved: { from: string; to: string; place: string | null; cameraCount: number | null };
  facets?: VehicleEventFacets;
}

export type SearchService = ReturnType<typeof createSearchService>;

/** Vehicle search with a stated reason: filters, plates, journeys, exports and the natural-language box. */
export function createSearchService({ events, places, offenceCategories, clock }: SearchServiceDeps) {
  let cache: { at: number; cameras: CameraPlace[]; byId: Map<string, CameraPlace>; addresses: AddressPlace[] } | null = null;
  async function registry() {
    const now = clock().getTime();
    if (!cache || now - cache.at > PLACES_TTL_MS || now < cache.at) {
      const [cameras, addresses] = await Promise.all([places.cameras(), places.addresses()]);
      cache = { at: now, cameras, byId: new Map(cameras.map((c) => [c.id, c])), addresses };
    }
    return cache;
  }

  /** An address goes to the geocoder first; when it answers, the place becomes a radius round that point. */
  async function geocoded(filters: SearchFilters): Promise<SearchFilters> {
    const place = filters.place;
    if (!place?.address || !places.geocode) return filters;
    const at = await places.geocode(place.address);
    if (!at) return filters;
    const { address: _address, ...rest } = place;
    return { ...filters, place: { ...rest, near: { ...at, radiusM: place.radiusM } } };
  }

  /** The database's cameras for the place's area, when the directory can ask it; null sends the search to the in-memory filter. */
  async function camerasInArea(filters: SearchFilters, addresses: readonly AddressPlace[]): Promise<string[] | null> {
    if (!places.camerasInArea || !filters.place) return null;
    const area = placeArea(filters.place, addresses);
    return area ? places.camerasInArea(area) : null;
  }

  async function runSearch(req: SearchRequest): Promise<SearchResult> {
    const reg = await registry();
    const filters = await geocoded(req.filters);
    const plan = planSearch(filters, clock().getTime(), reg.cameras, reg.addresses, await camerasInArea(filters, reg.addresses));
    const page = await events.search(plan.query, { sort: req.sort, limit: req.limit, ...(req.cursor ? { after: decodeCursor(req.cursor)! } : {}) });
    const [total, facets] = await Promise.all([events.count(plan.query, COUNT_CAP), req.facets ? events.facets(plan.query) : undefined]);
    return {
      items: page.hits.map((h) => presentHit(h, reg.byId, plan.colours.requested)),
      nextCursor: encodeCursor(page.nextCursor),
      total,
      colours: plan.colours,
      resolved: { from: new Date(plan.query.fromMs).toISOString(), to: new Date(plan.query.toMs).toISOString(), place: plan.place?.label ?? null, cameraCount: plan.place?.cameraIds.length ?? null },
      ...(facets ? { facets } : {}),
    };
  }

  return {
    /** Validates a raw search request (CLI, scripts) with the API's schema; defaults filled in. */
    parseRequest(raw: unknown): SearchRequest {
      const parsed = searchRequestSchema.safeParse(raw);
      if (parsed.success) return parsed.data;
      const issue = parsed.error.issues[0]!;
      throw invalid('validation_failed', `${issue.path.join('.')}: ${issue.message}`, { path: issue.path.join('.') });
    },

    /** Refuses a search without a valid purpose (`purpose_required`); returns the purpose for the audit record. */
    checkPurpose: (raw: unknown): Purpose => checkPurpose(raw, offenceCategories),

    /** One page of hits (the caller has checked the purpose). */
    search: runSearch,

    /** Every hit (up to EXPORT_MAX) of a search, for CSV or GeoJSON. */
    async exportAll(req: SearchRequest): Promise<{ items: SearchHitView[]; truncated: boolean }> {
      const items: SearchHitView[] = [];
      let cursor: string | undefined;
      do {
        const page = await runSearch({ ...req, limit: 500, facets: false, ...(cursor ? { cursor } : {}) });
        items.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && items.length < EXPORT_MAX);
      return { items: items.slice(0, EXPORT_MAX), truncated: !!cursor };
    },

    /** Every sighting of one plate (default the last 30 days) in time order, with the path between cameras. */
    async journey(q: JourneyQuery) {
      if (isPlatePattern(q.plate)) throw invalid('journey_needs_plate', 'A journey follows one plate: give it without ? or *.', { path: 'plate' });
      const { fromMs, toMs } = resolveTime({ ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}), last: q.last ?? (q.from ? undefined : '30d') }, clock().getTime());
      const reg = await registry();
      const plate = planPlateQuery(q.plate, { fuzzy: q.fuzzy === 'true', scope: { fromMs, toMs } });
      const page = await events.search({ fromMs, toMs, plate }, { sort: 'time_asc', limit: EXPORT_MAX });
      return journeyView(q.plate.toUpperCase(), page.hits.map((h) => presentHit(h, reg.byId, [])));
    },

    /** Parses the natural-language box against the registry's street names; nothing is searched. */
    async parse(text: string, utcOffsetMinutes: number) {
      const reg = await registry();
      const streets = [...new Set(reg.addresses.map((a) => a.address.replace(/^\s*\d+[a-z]?\s+/i, '').split(',')[0]!.trim()).filter(Boolean))];
      return parseSearchText(text, { now: clock().getTime(), utcOffsetMinutes, streets });
    },

    /** One event's thumbnail (base64 JPEG), or null. */
    thumbnail: (id: number) => events.thumbnail(id),
  };
}
