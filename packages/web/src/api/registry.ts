/** Members, sites, cameras and edges. */
import { api, request } from './http.ts';
import type { Camera, CameraInput, CameraMapTable, Edge, ImportResult, Member, MemberKind, Page, Site } from './types.ts';

export interface ListQuery {
  cursor?: string | null;
  limit?: number;
}

export interface CameraQuery extends ListQuery {
  siteId?: string;
  memberId?: string;
  status?: string;
  q?: string;
}

export interface MemberInput {
  name: string;
  kind: MemberKind;
  contactEmail?: string;
}

export interface SiteInput {
  memberId: string;
  name: string;
  address: string;
  lat: number;
  lon: number;
}

export type ImportFormat = 'csv' | 'geojson';

export const registryApi = {
  members: (q: ListQuery = {}) => api.get<Page<Member>>('/members', { ...q }),
  member: (id: string) => api.get<Member>(`/members/${encodeURIComponent(id)}`),
  createMember: (input: MemberInput) => api.post<Member>('/members', input),
  updateMember: (id: string, input: Partial<MemberInput>) => api.patch<Member>(`/members/${id}`, input),

  sites: (q: ListQuery & { memberId?: string } = {}) => api.get<Page<Site>>('/sites', { ...q }),
  createSite: (input: SiteInput) => api.post<Site>('/sites', input),
  updateSite: (id: string, input: Partial<SiteInput>) => api.patch<Site>(`/sites/${id}`, input),
  deleteSite: (id: string) => api.del(`/sites/${id}`),

  cameras: (q: CameraQuery = {}) => api.get<Page<Camera>>('/cameras', { ...q }),
  camera: (id: string) => api.get<Camera>(`/cameras/${encodeURIComponent(id)}`),
  createCamera: (input: CameraInput) => api.post<Camera>('/cameras', input),
  updateCamera: (id: string, input: Partial<CameraInput>) => api.patch<Camera>(`/cameras/${id}`, input),
  deleteCamera: (id: string) => api.del(`/cameras/${id}`),
  attestCamera: (id: string) => api.post<Camera>(`/cameras/${id}/attest`),
  cameraMap: () => api.get<CameraMapTable>('/cameras/map'),
  importCameras: (text: string, format: ImportFormat, dryRun: boolean) =>
    request<ImportResult>('POST', '/cameras/import', {
      query: { dryRun },
      body: text,
      contentType: format === 'csv' ? 'text/csv' : 'application/geo+json',
    }),
  exportUrl: (format: ImportFormat) => `/api/v1/cameras/export?format=${format}`,

  edges: (q: ListQuery = {}) => api.get<Page<Edge>>('/edges', { ...q }),
  createEdge: (input: { siteId: string; name: string }) => api.post<{ edge: Edge; enrolmentToken: string }>('/edges', input),
};
