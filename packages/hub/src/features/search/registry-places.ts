import type { LatLon } from '@camnet/core';
import type { CameraStore } from '../cameras/camera.store.ts';
import type { SiteStore } from '../sites/site.store.ts';
import type { AddressPlace, CameraPlace } from './search-places.ts';
import type { PlaceDirectory } from './search.service.ts';

/**
 * The registry as a place directory: camera positions, site addresses, the geocoder when the network has one,
 * and area queries wherever the camera store answers them (PostgreSQL with PostGIS).
 */
export function createRegistryPlaceDirectory(deps: {
  cameras: Pick<CameraStore, 'mapRows' | 'camerasInArea'>;
  sites: Pick<SiteStore, 'list'>;
  geocode?: (text: string) => Promise<LatLon>;
}): PlaceDirectory {
  return {
    async cameras(): Promise<CameraPlace[]> {
      return (await deps.cameras.mapRows({})).map(([id, lat, lon, , , , , , name]) => ({ id, lat, lon, name }));
    },
    async addresses(): Promise<AddressPlace[]> {
      const out: AddressPlace[] = [];
      for (let afterId: string | undefined; ;) {
        const page = await deps.sites.list({}, { limit: 500, ...(afterId ? { afterId } : {}) });
        out.push(...page.map((s) => ({ address: s.address, lat: s.lat, lon: s.lon })));
        if (page.length < 500) return out;
        afterId = page.at(-1)!.id;
      }
    },
    camerasInArea: (area) => deps.cameras.camerasInArea(area),
    async geocode(text: string): Promise<LatLon | null> {
      if (!deps.geocode) return null;
      try {
        const { lat, lon } = await deps.geocode(text);
        return { lat, lon };
      } catch {
        return null;
      }
    },
  };
}
