import { describe, expect, it } from 'vitest';
import { ApiError, buildUrl } from './http.ts';

describe('ApiError.fieldErrors', () => {
  it('keys validation issues by path and by the path’s last part, first message wins', () => {
    const e = new ApiError(400, 'validation_failed', 'Some fields need attention.', {
      issues: [
        { path: 'lat', message: 'latitude must be between -90 and 90' },
        { path: ['body', 'fovDeg'], message: 'field of view must be more than 0 degrees' },
        { path: 'lat', message: 'second message' },
      ],
    });
    expect(e.fieldErrors()).toEqual({
      lat: 'latitude must be between -90 and 90',
      'body.fovDeg': 'field of view must be more than 0 degrees',
      fovDeg: 'field of view must be more than 0 degrees',
    });
  });

  it('is empty when the error has no issues', () => {
    expect(new ApiError(401, 'invalid_credentials', 'Wrong email or password.').fieldErrors()).toEqual({});
  });
});

describe('buildUrl', () => {
  it('prefixes /api/v1 and drops empty query values', () => {
    expect(buildUrl('/cameras', { status: 'online', q: '', cursor: null, limit: 50, dryRun: false })).toBe('/api/v1/cameras?status=online&limit=50&dryRun=false');
  });
});
