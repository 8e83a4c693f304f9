/** The search API as the dashboard uses it: typed bodies and results (see packages/hub/src/features/search). */
import { api, buildUrl, request } from '../../api/http.ts';

/** Why the search is made; required by the hub for every search, journey and export. */
export interface Purpose { caseNumber: string; offence: string; text: string }

/** Filters in the same shape the hub accepts (and the natural-language parser returns). */
export interface SearchFilters {
  time?: { from?: string; to?: string; last?: string };
  place?: { cameraIds?: string[]; polygon?: [number, number][]; near?: { lat: number; lon: number; radiusM: number }; address?: string; radiusM?: number };
  types?: string[];
  colours?: string[];
  similarColours?: boolean;
  plate?: { text: string; fuzzy?: boolean };
  direction?: string;
  minConfidence?: number;
  sources?: string[];
}

export interface SearchHit {
  id: string; cameraId: string; cameraName: string | null; lat: number | null; lon: number | null; startedAt: string; type: string;
  colour: string | null; colourMatch: 'requested' | 'similar' | null; plate: string | null; plateMatch: { quality: string; score: number } | null;
  direction: number | null; source: string; thumbnailUrl: string | null;
}

export interface SearchResult {
  items: SearchHit[]; nextCursor: string | null; total: { count: number; capped: boolean };
  colours: { requested: string[]; offered: string[] }; resolved: { from: string; to: string; place: string | null; cameraCount: number | null };
}

export interface Chip { field: string; label: string; text: string }
export interface Journey { plate: string; sightings: SearchHit[]; path: { geometry: { coordinates: [number, number][] } } }

export const searchApi = {
  search: (purpose: Purpose, filters: SearchFilters, sort: string, cursor?: string) =>
    api.post<SearchResult>('/search', { purpose, filters, sort, limit: 50, ...(cursor ? { cursor } : {}) }),
  parse: (text: string) => api.post<{ filters: SearchFilters; chips: Chip[]; unparsed: string[] }>('/search/parse', { text, utcOffsetMinutes: -new Date().getTimezoneOffset() }),
  journey: (purpose: Purpose, plate: string) =>
    request<Journey>('GET', '/vehicles/journey', { query: { plate, caseNumber: purpose.caseNumber, offence: purpose.offence, reason: purpose.text } }),
  /** Downloads every hit as CSV or GeoJSON (audited by the hub). */
  async download(purpose: Purpose, filters: SearchFilters, format: 'csv' | 'geojson', csrfToken: string): Promise<void> {
    const res = await fetch(buildUrl('/search/export', { format }), {
      method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken }, body: JSON.stringify({ purpose, filters }),
    });
    if (!res.ok) throw new Error(`Export failed (${res.status}): ${await res.text()}`);
    const a = Object.assign(document.createElement('a'), { href: URL.createObjectURL(await res.blob()), download: `search.${format}` });
    a.click();
    URL.revokeObjectURL(a.href);
  },
  thumbnail: (url: string) => buildUrl(url.replace(/^\/api\/v1/, '')),
};

const PURPOSE_KEY = 'camnet.search.purpose';

/** The reason is remembered for the browser session (not across sessions). */
export function loadPurpose(): Purpose {
  try {
    return { caseNumber: '', offence: '', text: '', ...JSON.parse(sessionStorage.getItem(PURPOSE_KEY) ?? '{}') } as Purpose;
  } catch {
    return { caseNumber: '', offence: '', text: '' };
  }
}

export function savePurpose(p: Purpose): void {
  sessionStorage.setItem(PURPOSE_KEY, JSON.stringify(p));
}
