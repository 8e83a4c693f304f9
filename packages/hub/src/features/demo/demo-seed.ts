import { generateNetwork, generateVehicleEvents, newSecret, ROLES } from '@camnet/core';
import type { EventCamera } from '@camnet/core';
import type { VehicleEventsService } from '../vehicle-events/vehicle-events.service.ts';
import type { MemberKind, Role } from '@camnet/core';
import type { Principal } from '../../http/principal.ts';
import type { CamerasService } from '../cameras/cameras.service.ts';
import type { CameraStore } from '../cameras/camera.store.ts';
import type { MembersService } from '../members/members.service.ts';
import type { SitesService } from '../sites/sites.service.ts';
import type { UsersService } from '../users/users.service.ts';

export interface DemoSeedDeps {
  members: MembersService;
  sites: SitesService;
  cameras: CamerasService;
  cameraStore: CameraStore;
  users: UsersService;
}

/** One demo account per role, with its password (printed once and kept in the demo data dir). */
export interface DemoCredential {
  role: Role;
  email: string;
  password: string;
}

// Which member each role's demo account belongs to.
const ROLE_MEMBER: Record<Role, MemberKind> = {
  admin: 'network_admin', operator: 'agency', investigator: 'agency', patrol: 'agency', auditor: 'network_admin', owner: 'business', installer: 'vendor',
};

/** Seeds a believable network (members of each kind, ~300 cameras along streets, one user per role) through the services. */
export async function seedDemoNetwork(deps: DemoSeedDeps, opts: { seed?: string; cameras?: number } = {}): Promise<{ credentials: DemoCredential[]; eventCameras: EventCamera[] }> {
  const net = generateNetwork({ seed: opts.seed ?? 'camnet-demo', cameras: opts.cameras ?? 300 });
  const memberIds = new Map<string, string>();
  for (const m of net.members) memberIds.set(m.id, (await deps.members.create({ name: m.name, kind: m.kind })).id);
  const admin: Principal = { userId: 'demo-seed', email: 'demo-seed', role: 'admin', memberId: memberIds.get(net.members.find((m) => m.kind === 'network_admin')!.id)!, via: 'token', mfa: 'ok' };

  const siteIds = new Map<string, string>();
  for (const s of net.sites) {
    const site = await deps.sites.create(admin, { memberId: memberIds.get(s.memberId)!, name: s.address, address: s.address, lat: s.lat, lon: s.lon });
    siteIds.set(s.id, site.id);
  }
  const rows = net.cameras.map((c, i) => ({
    line: i + 1,
    input: {
      siteId: siteIds.get(c.siteId), name: c.name, lat: c.lat, lon: c.lon, headingDeg: c.headingDeg, fovDeg: c.fovDeg, rangeM: c.rangeM,
      mountType: c.mountType, sharingMode: c.sharingMode, publicViewAttested: c.publicViewAttested,
    },
  }));
  const result = await deps.cameras.importMany(admin, rows, false);
  if (result.errors.length) throw new Error(`demo seed: ${result.errors.length} camera rows failed, first: ${result.errors[0]!.message}`);
  // Demo cameras have no edge behind them; show the synthetic status mix so the map reads like a live network.
  const page = await deps.cameras.all(admin);
  const byName = new Map(net.cameras.map((c) => [c.name, c.status]));
  for (const c of page) {
    const status = byName.get(c.name);
    if (status && status !== c.status && c.publicViewAttested) await deps.cameraStore.update(c.id, { status });
  }

  const firstOf = (kind: MemberKind) => memberIds.get(net.members.find((m) => m.kind === kind)!.id)!;
  const credentials: DemoCredential[] = [];
  for (const role of ROLES) {
    const password = `demo-${newSecret(9)}`;
    const email = `${role}@demo.camnet.local`;
    await deps.users.create({ email, name: `Demo ${role}`, role, memberId: firstOf(ROLE_MEMBER[role]), password });
    credentials.push({ role, email, password });
  }
  const eventCameras = page.map((c) => ({ id: c.id, lat: c.lat, lon: c.lon, headingDeg: c.headingDeg, arterial: net.cameras.find((n) => n.name === c.name)?.arterial ?? false }));
  return { credentials, eventCameras };
}

/**
 * Synthetic traffic for the demo's last `hours` (diurnal curve, US fleet colours and types, vehicles that travel
 * between cameras, some OCR noise), stored as if an edge had sent it, so search and journeys have something to find.
 */
export async function seedDemoTraffic(vehicleEvents: VehicleEventsService, cameras: EventCamera[], opts: { hours?: number; now?: number } = {}): Promise<number> {
  const to = opts.now ?? Date.now();
  const from = to - (opts.hours ?? 24) * 3_600_000;
  let batch: unknown[] = [];
  let stored = 0;
  for (const e of generateVehicleEvents({ seed: 'camnet-demo-traffic', cameras, from, to, ratePerHour: { arterial: 40, residential: 6 } })) {
    const { truth: _truth, ...event } = e;
    batch.push(event);
    if (batch.length === 2000) {
      stored += (await vehicleEvents.ingestBatch('demo-traffic', batch)).accepted;
      batch = [];
    }
  }
  if (batch.length) stored += (await vehicleEvents.ingestBatch('demo-traffic', batch)).accepted;
  return stored;
}
