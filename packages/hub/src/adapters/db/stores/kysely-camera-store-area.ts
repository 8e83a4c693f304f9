import { distanceM } from '@camnet/core';
import { sql } from 'kysely';
import type { Expression, Kysely, RawBuilder, SqlBool } from 'kysely';
import type { CameraArea } from '../../../features/cameras/camera.store.ts';
import type { Database } from '../schema.ts';

/** The schema holding PostGIS when migration 0006 gave `cameras` its `geog` column; null otherwise. */
export async function postgisSchema(db: Kysely<Database>): Promise<string | null> {
  const r = await sql<{ schema: string }>`select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace
    where e.extname = 'postgis' and exists (select 1 from pg_attribute a where a.attrelid = to_regclass('cameras') and a.attname = 'geog' and not a.attisdropped)`.execute(db);
  return r.rows[0]?.schema ?? null;
}

/** Beyond this the bounding cap is left out (its corner argument needs a box well short of a hemisphere); ST_Covers alone still answers. */
const MAX_CAP_M = 1_000_000;

/**
 * The area as a PostGIS condition on `cameras.geog`, with the in-memory semantics of CameraArea: circles are
 * ST_DWithin on the sphere (not the spheroid, which differs by up to 0.5 %); the ring is ST_Covers in planar
 * lon/lat geometry (geography edges are great circles, metres off a straight edge in degrees on a city-sized
 * ring), made valid so a self-crossing ring keeps the even-odd inside; a cap round the ring lets the GiST index
 * on geog prefilter.
 */
export function cameraAreaWhere(schema: string, area: CameraArea): Expression<SqlBool> {
  const pg = (name: string) => sql.raw(`"${schema}".${name}`);
  const point = (lat: number, lon: number) => sql`${pg('st_setsrid')}(${pg('st_makepoint')}(${lon}::float8, ${lat}::float8), 4326)::${pg('geography')}`;
  const within = (lat: number, lon: number, radiusM: number) => sql`${pg('st_dwithin')}(geog, ${point(lat, lon)}, ${radiusM}::float8, false)`;
  const conditions: RawBuilder<unknown>[] = [sql`true`];
  for (const c of area.circles ?? []) conditions.push(within(c.lat, c.lon, c.radiusM));
  if (area.polygon) {
    const wkt = ringWkt(area.polygon);
    if (!wkt) return sql<SqlBool>`false`;
    const cap = ringCap(area.polygon);
    if (cap.radiusM < MAX_CAP_M) conditions.push(within(cap.lat, cap.lon, cap.radiusM));
    const polygon = sql`${pg('st_collectionextract')}(${pg('st_makevalid')}(${pg('st_geomfromtext')}(${wkt}, 4326)), 3)`;
    conditions.push(sql`${pg('st_covers')}(${polygon}, geog::${pg('geometry')})`);
  }
  return sql<SqlBool>`${sql.join(conditions, sql` and `)}`;
}

/** The ring closed, as WKT; null when it has too few points to hold anything. */
function ringWkt(ring: CameraArea['polygon'] & object): string | null {
  const [first, last] = [ring[0]!, ring.at(-1)!];
  const closed = first[0] === last[0] && first[1] === last[1] ? ring : [...ring, first];
  if (closed.length < 4) return null;
  return `POLYGON((${closed.map(([lon, lat]) => `${lon} ${lat}`).join(',')}))`;
}

/**
 * A circle holding the ring: centred on its lon/lat bounding box, out to the farthest corner. Great-circle distance
 * from the centre has no maximum inside a box this small, nor along its edges, so the corners bound it; +1 m covers
 * the sphere radius PostGIS uses (6,371,008.77 m against core's 6,371,008.8 m).
 */
function ringCap(ring: CameraArea['polygon'] & object): { lat: number; lon: number; radiusM: number } {
  const lons = ring.map(([lon]) => lon);
  const lats = ring.map(([, lat]) => lat);
  const [west, east, south, north] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const centre = { lat: (south + north) / 2, lon: (west + east) / 2 };
  const corners = [{ lat: south, lon: west }, { lat: south, lon: east }, { lat: north, lon: west }, { lat: north, lon: east }];
  return { ...centre, radiusM: Math.max(...corners.map((c) => distanceM(centre, c))) + 1 };
}
