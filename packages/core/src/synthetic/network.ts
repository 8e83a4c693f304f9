/** A seeded synthetic camera network: a street grid, members, sites and cameras along the streets. */
import type { CameraStatus, MOUNT_TYPES, SharingMode } from '../camera.ts';
import { destination, type LatLon } from '../geo.ts';
import { createRandom, type Random } from './random.ts';
import { ARTERIALS, BUSINESS_KINDS, EW_STREETS, FIXED_MEMBERS, NS_STREETS, SURNAMES } from './vocabulary.ts';

type MountType = (typeof MOUNT_TYPES)[number];

/** A straight street across the grid. */
export interface SyntheticStreet {
  id: string;
  name: string;
  axis: 'ns' | 'ew';
  arterial: boolean;
  from: LatLon;
  to: LatLon;
}

/** Where two streets cross (for "Gravois & Chippewa" look-ups). */
export interface SyntheticIntersection extends LatLon {
  streets: [string, string];
}

export type SyntheticMemberKind = 'network_admin' | 'agency' | 'vendor' | 'business' | 'resident';

/** An organisation in the network. */
export interface SyntheticMember {
  id: string;
  kind: SyntheticMemberKind;
  name: string;
}

/** An address with an edge. */
export interface SyntheticSite extends LatLon {
  id: string;
  memberId: string;
  address: string;
  street: string;
  arterial: boolean;
}

/** A camera as the registry would hold it (ids are stable for a given seed). */
export interface SyntheticCamera extends LatLon {
  id: string;
  siteId: string;
  memberId: string;
  name: string;
  headingDeg: number;
  fovDeg: number;
  rangeM: number;
  mountType: MountType;
  sharingMode: SharingMode;
  status: CameraStatus;
  arterial: boolean;
  publicViewAttested: boolean;
}

/** The whole synthetic network. */
export interface SyntheticNetwork {
  centre: LatLon;
  streets: SyntheticStreet[];
  intersections: SyntheticIntersection[];
  members: SyntheticMember[];
  sites: SyntheticSite[];
  cameras: SyntheticCamera[];
}

/** Options; only `seed` is required. Grid size grows with `cameras` (about one camera per 25 m of street). */
export interface NetworkOptions {
  seed: number | string;
  cameras?: number;
  centre?: LatLon;
  blockM?: number;
}

const pad = (n: number, w = 6) => String(n).padStart(w, '0');
const ordinal = (n: number) => `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`;

/** Street names: the real list from the centre outwards, then numbered streets. */
function streetName(list: readonly string[], i: number, suffix: string): string {
  return list[i] ?? `${ordinal(i - list.length + 1)} ${suffix}`;
}

/** The street grid: `g` north–south and `g` east–west streets, `blockM` apart, centred on `centre`. */
function buildGrid(centre: LatLon, g: number, blockM: number): { streets: SyntheticStreet[]; intersections: SyntheticIntersection[] } {
  const half = ((g - 1) * blockM) / 2;
  const at = (east: number, north: number) => destination(destination(centre, 90, east), 0, north);
  const streets: SyntheticStreet[] = [];
  for (let i = 0; i < g; i++) {
    const off = i * blockM - half;
    const ns = streetName(NS_STREETS, i, 'Ave');
    const ew = streetName(EW_STREETS, i, 'St');
    streets.push({ id: `st-ns-${i}`, name: ns, axis: 'ns', arterial: ARTERIALS.has(ns) || i % 6 === 0, from: at(off, -half), to: at(off, half) });
    streets.push({ id: `st-ew-${i}`, name: ew, axis: 'ew', arterial: ARTERIALS.has(ew) || i % 6 === 0, from: at(-half, -off), to: at(half, -off) });
  }
  const ns = streets.filter((s) => s.axis === 'ns');
  const ew = streets.filter((s) => s.axis === 'ew');
  const intersections = ns.flatMap((a) => ew.map((b): SyntheticIntersection => ({ lat: b.from.lat, lon: a.from.lon, streets: [a.name, b.name] })));
  return { streets, intersections };
}

type SiteKind = 'agency' | 'business' | 'resident';

const SITE_KIND_PRIOR: Readonly<Record<SiteKind, number>> = { agency: 5, business: 35, resident: 60 };
const SHARING_PRIOR: Readonly<Record<SharingMode, number>> = { live: 25, on_request: 45, alarm_only: 15, none: 15 };
const STATUS_PRIOR: Readonly<Record<'online' | 'offline' | 'pending_attestation', number>> = { online: 88, offline: 10, pending_attestation: 2 };

/** Camera optics by mount: field of view and range (metres). */
function optics(rnd: Random, mount: MountType): { fovDeg: number; rangeM: number } {
  if (mount === 'doorbell') return { fovDeg: rnd.int(140, 165), rangeM: rnd.int(10, 21) };
  if (mount === 'pole') return { fovDeg: rnd.int(55, 91), rangeM: rnd.int(60, 121) };
  if (mount === 'window') return { fovDeg: rnd.int(70, 101), rangeM: rnd.int(20, 41) };
  return { fovDeg: rnd.int(80, 111), rangeM: rnd.int(25, 61) };
}

/** One camera at a site: faces the street (or along it), with mount-typical optics. */
function makeCamera(rnd: Random, n: number, k: number, site: SyntheticSite, kind: SiteKind, facing: number, axis: number): SyntheticCamera {
  const mount: MountType = kind === 'agency' ? 'pole' : kind === 'resident' ? rnd.pick(['doorbell', 'doorbell', 'wall', 'window'] as const) : rnd.pick(['wall', 'wall', 'window', 'roof'] as const);
  const along = mount === 'pole' || rnd.chance(0.3);
  const heading = ((along ? axis + (rnd.chance(0.5) ? 0 : 180) : facing) + rnd.normal(0, 12) + 720) % 360;
  return {
    id: `cam-${pad(n)}`, siteId: site.id, memberId: site.memberId, name: `${site.address} ${mount} camera ${k + 1}`,
    lat: site.lat, lon: site.lon, headingDeg: Math.round(heading * 10) / 10, ...optics(rnd, mount), mountType: mount,
    sharingMode: kind === 'agency' ? 'live' : rnd.weighted(SHARING_PRIOR),
    status: rnd.weighted(STATUS_PRIOR),
    arterial: site.arterial, publicViewAttested: true,
  };
}

/** Generates a network of about `cameras` cameras (default 200) on a street grid; pure and seeded. */
export function generateNetwork(opts: NetworkOptions): SyntheticNetwork {
  const rnd = createRandom(opts.seed);
  const centre = opts.centre ?? { lat: 38.59, lon: -90.24 };
  const target = opts.cameras ?? 200;
  const blockM = opts.blockM ?? 130;
  const g = Math.max(6, Math.ceil(Math.sqrt(target / 10)));
  const { streets, intersections } = buildGrid(centre, g, blockM);
  const members: SyntheticMember[] = FIXED_MEMBERS.map((m, i) => ({ id: `mem-${pad(i)}`, kind: m.kind, name: m.name }));
  const agencies = members.filter((m) => m.kind === 'agency');
  const sites: SyntheticSite[] = [];
  const cameras: SyntheticCamera[] = [];
  const arterials = streets.filter((s) => s.arterial);
  const residential = streets.filter((s) => !s.arterial);
  while (cameras.length < target) {
    const kind: SiteKind = rnd.weighted(SITE_KIND_PRIOR);
    const street = kind === 'resident' && residential.length && rnd.chance(0.85) ? rnd.pick(residential) : rnd.pick(arterials);
    const placed = placeSite(rnd, street, sites.length, blockM * (g - 1));
    const member = kind === 'agency' ? rnd.pick(agencies) : newMember(rnd, members, kind, street.name);
    const site: SyntheticSite = { ...placed.site, memberId: member.id };
    sites.push(site);
    const count = kind === 'agency' ? 1 : kind === 'business' ? rnd.int(1, 4) : rnd.int(1, 3);
    for (let k = 0; k < count && cameras.length < target; k++) cameras.push(makeCamera(rnd, cameras.length, k, site, kind, placed.facing, placed.axis));
  }
  return { centre, streets, intersections, members, sites, cameras };
}

/** A point along `street`, set back 8–14 m on one side, with a St. Louis-style house number. */
function placeSite(rnd: Random, street: SyntheticStreet, n: number, lengthM: number) {
  const t = rnd.next();
  const axis = street.axis === 'ns' ? 0 : 90;
  const side = rnd.chance(0.5) ? 1 : -1;
  const onLine = destination(street.from, axis, t * lengthM);
  const p = destination(onLine, axis + 90 * side, rnd.int(8, 15));
  const houseNo = 2000 + Math.floor(t * lengthM / 130) * 100 + 2 * rnd.int(1, 45) + (side > 0 ? 1 : 0);
  const address = `${houseNo} ${street.name}`;
  return { site: { id: `site-${pad(n)}`, memberId: '', address, street: street.name, arterial: street.arterial, ...p }, facing: (axis + 90 * side + 180) % 360, axis };
}

/** Adds a business or a resident household as a member. */
function newMember(rnd: Random, members: SyntheticMember[], kind: 'business' | 'resident', street: string): SyntheticMember {
  const surname = rnd.pick(SURNAMES);
  const name = kind === 'business'
    ? rnd.chance(0.5) ? `${street.split(' ')[0]} ${rnd.pick(BUSINESS_KINDS)}` : `${surname}'s ${rnd.pick(BUSINESS_KINDS)}`
    : `${surname} household`;
  const m: SyntheticMember = { id: `mem-${pad(members.length)}`, kind, name };
  members.push(m);
  return m;
}
