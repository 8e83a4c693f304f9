import { describe, expect, it } from 'vitest';
import { cameraIdOf, routesFor } from '../../app/routes.ts';

describe('the camera page route (/cameras/:id)', () => {
  it('matches a camera id, not the import page', () => {
    expect(cameraIdOf('/cameras/cam_01')).toBe('cam_01');
    expect(cameraIdOf('/cameras/import')).toBeNull();
    expect(cameraIdOf('/cameras')).toBeNull();
  });

  it('is listed under the concrete path while it is the location, for the roles that see it', () => {
    expect(routesFor('owner', '/cameras/cam_01').find((r) => r.path === '/cameras/cam_01')?.group).toBe('My network');
    expect(routesFor('admin', '/cameras/cam_01').find((r) => r.path === '/cameras/cam_01')?.group).toBe('Registry');
    expect(routesFor('admin', '/cameras/import').some((r) => r.label === 'Camera')).toBe(false);
    expect(routesFor('admin', '/map').some((r) => r.label === 'Camera')).toBe(false);
    expect(routesFor('patrol', '/cameras/cam_01').some((r) => r.label === 'Camera')).toBe(false);
  });
});
