import { describe, expect, it } from 'vitest';
import { CLUSTER_MAX_ZOOM, boundsOf, buildIndex, countByStatus, decodeCameraTable } from './map-data.ts';

const fields = ['id', 'lat', 'lon', 'headingDeg', 'fovDeg', 'rangeM', 'status', 'sharingMode', 'name'];

describe('decodeCameraTable', () => {
  it('reads columns by name, whatever their order, and skips rows without a position', () => {
    const reordered = ['name', ...fields.filter((f) => f !== 'name')];
    const cams = decodeCameraTable({
      fields: reordered,
      rows: [
        ['Front door', 'c1', 41.88, -87.63, 200, 90, 35, 'online', 'live'],
        ['Broken', 'c2', null, -87.6, 0, 90, 40, 'offline', 'none'],
      ],
    });
    expect(cams).toEqual([{ id: 'c1', name: 'Front door', lat: 41.88, lon: -87.63, headingDeg: 200, fovDeg: 90, rangeM: 35, status: 'online', sharingMode: 'live' }]);
  });
});

describe('buildIndex', () => {
  const cams = decodeCameraTable({
    fields,
    rows: Array.from({ length: 50 }, (_, i) => [`c${i}`, 41.88 + i * 1e-5, -87.63, 0, 90, 40, i % 2 ? 'online' : 'offline', 'none', `Cam ${i}`]),
  });
  const index = buildIndex(cams);

  it('clusters nearby cameras when zoomed out and tallies their status', () => {
    const [cluster] = index.getClusters([-180, -85, 180, 85], 10);
    expect(cluster?.properties).toMatchObject({ cluster: true, point_count: 50, online: 25, offline: 25, pending: 0, disabled: 0 });
  });

  it('returns every camera on its own from the street zoom up', () => {
    expect(index.getClusters([-180, -85, 180, 85], CLUSTER_MAX_ZOOM)).toHaveLength(50);
  });

  it('counts and bounds the whole set', () => {
    expect(countByStatus(cams)).toEqual({ online: 25, offline: 25, pending: 0, disabled: 0 });
    expect(boundsOf(cams)).toEqual([[41.88, -87.63], [41.88 + 49e-5, -87.63]]);
    expect(boundsOf([])).toBeNull();
  });
});
