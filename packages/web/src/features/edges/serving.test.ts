import { describe, expect, it } from 'vitest';
import type { Camera, Edge } from '../../api/types.ts';
import { camerasByEdge, servingEdge } from './serving.ts';

const edge = (id: string, siteId: string | null, status: Edge['status'] = 'online'): Edge => ({
  id, siteId, name: id, status, version: null, lastSeenAt: null, diskUsedBytes: null, clockOffsetMs: null, embedded: siteId === null,
});
const cam = (id: string, siteId: string, more: Partial<Camera> = {}) => ({ id, siteId, edgeId: null, publicViewAttested: true, status: 'online', ...more }) as Camera;

describe('which edge records which camera (as the hub decides)', () => {
  const local = edge('local', null);
  const shop = edge('shop-box', 'shop', 'offline');
  const edges = [local, shop];

  it('assigned edge first, then the site’s edge, then the local edge', () => {
    expect(servingEdge(cam('a', 'home', { edgeId: 'shop-box' }), edges)?.id).toBe('shop-box');
    expect(servingEdge(cam('b', 'shop'), edges)?.id).toBe('shop-box');
    expect(servingEdge(cam('c', 'home'), edges)?.id).toBe('local');
  });

  it('lists attested, not turned-off cameras under their edge', () => {
    const by = camerasByEdge([cam('b', 'shop'), cam('c', 'home'), cam('d', 'home', { publicViewAttested: false }), cam('e', 'home', { status: 'disabled' })], edges);
    expect(by.get('shop-box')!.map((c) => c.id)).toEqual(['b']);
    expect(by.get('local')!.map((c) => c.id)).toEqual(['c']);
  });
});
