/** Every signed-in page: its path, its nav label and group, and the roles that see it. */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Role } from '../api/types.ts';
import { CAMERA_PAGE } from './camera-path.ts';

export { cameraIdOf } from './camera-path.ts';

export interface AppRoute {
  path: string;
  label: string;
  group: 'Operations' | 'My network' | 'Registry' | 'Accounts' | 'Oversight';
  roles: readonly Role[];
  page: LazyExoticComponent<ComponentType>;
  /** Full-bleed pages (the map) get no padding and no scrolling. */
  full?: boolean;
  /**
   * A page with a parameter (`/cameras/:id`): listed by `routesFor` only while the location matches, under the
   * concrete path, so the gate finds it and the navigation shows it as the current page.
   */
  pattern?: RegExp;
}

const ALL: readonly Role[] = ['admin', 'operator', 'investigator', 'patrol', 'owner', 'auditor', 'installer'];
const named = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] })));

const CameraPage = named(() => import('../features/camera-detail/camera-page.tsx'), 'CameraPage');

export const ROUTES: AppRoute[] = [
  { path: '/map', label: 'Map', group: 'Operations', roles: ALL, full: true, page: named(() => import('../features/map/map-page.tsx'), 'MapPage') },
  { path: '/incidents', label: 'Incidents', group: 'Operations', roles: ['admin', 'operator', 'investigator'], page: named(() => import('../features/incidents/incidents-page.tsx'), 'IncidentsPage') },
  { path: '/wall', label: 'Live wall', group: 'Operations', roles: ['admin', 'operator'], page: named(() => import('../features/wall/wall-page.tsx'), 'WallPage') },
  { path: '/patrol', label: 'BOLOs', group: 'Operations', roles: ['patrol', 'operator', 'admin'], page: named(() => import('../features/patrol/patrol-page.tsx'), 'PatrolPage') },
  { path: '/hotspots', label: 'Hot spots', group: 'Operations', roles: ['admin', 'operator', 'investigator', 'auditor'], full: true, page: named(() => import('../features/hotspots/hotspots-page.tsx'), 'HotspotsPage') },
  { path: '/search', label: 'Vehicle search', group: 'Operations', roles: ['admin', 'operator', 'investigator'], full: true, page: named(() => import('../features/search/search-page.tsx'), 'SearchPage') },
  { path: '/my-cameras', label: 'My cameras', group: 'My network', roles: ['owner', 'admin', 'installer'], page: named(() => import('../features/my-cameras/my-cameras-page.tsx'), 'MyCamerasPage') },
  { path: '/cameras', label: 'Cameras', group: 'Registry', roles: ['admin', 'installer', 'operator', 'investigator'], page: named(() => import('../features/cameras/cameras-page.tsx'), 'CamerasPage') },
  { path: '/cameras/import', label: 'Import cameras', group: 'Registry', roles: ['admin', 'installer'], page: named(() => import('../features/camera-import/camera-import-page.tsx'), 'CameraImportPage') },
  { path: '/sites', label: 'Sites', group: 'Registry', roles: ['admin', 'installer'], page: named(() => import('../features/sites/sites-page.tsx'), 'SitesPage') },
  { path: '/members', label: 'Members', group: 'Registry', roles: ['admin'], page: named(() => import('../features/members/members-page.tsx'), 'MembersPage') },
  { path: '/edges', label: 'Edges', group: 'Registry', roles: ['admin', 'installer'], page: named(() => import('../features/edges/edges-page.tsx'), 'EdgesPage') },
  { path: '/users', label: 'Users', group: 'Accounts', roles: ['admin'], page: named(() => import('../features/users/users-page.tsx'), 'UsersPage') },
  { path: '/tokens', label: 'API tokens', group: 'Accounts', roles: ['admin'], page: named(() => import('../features/tokens/tokens-page.tsx'), 'TokensPage') },
  { path: '/retention', label: 'Retention receipts', group: 'Oversight', roles: ['admin', 'auditor'], page: named(() => import('../features/retention/retention-page.tsx'), 'RetentionPage') },
  { path: '/audit', label: 'Audit log', group: 'Oversight', roles: ['admin', 'auditor'], page: named(() => import('../features/audit/audit-page.tsx'), 'AuditPage') },
  // One camera: details, live view, recording timeline, clips. Owners find it under their network, the rest under the registry.
  { path: '/cameras/:id', pattern: CAMERA_PAGE, label: 'Camera', group: 'My network', roles: ['owner'], page: CameraPage },
  { path: '/cameras/:id', pattern: CAMERA_PAGE, label: 'Camera', group: 'Registry', roles: ['admin', 'installer', 'operator', 'investigator', 'auditor'], page: CameraPage },
];


export function routesFor(role: Role, path: string = location.pathname): AppRoute[] {
  return ROUTES.filter((r) => r.roles.includes(role) && (!r.pattern || r.pattern.test(path))).map((r) => (r.pattern ? { ...r, path } : r));
}

/** Where a role lands after signing in. */
export function homeFor(role: Role): string {
  if (role === 'owner') return '/my-cameras';
  if (role === 'auditor') return '/audit';
  if (role === 'patrol') return '/patrol';
  if (role === 'operator') return '/incidents';
  return '/map';
}
