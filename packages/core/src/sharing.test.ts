import { describe, expect, it } from 'vitest';
import { sharingAllowsVideo } from './sharing.ts';

describe('sharingAllowsVideo', () => {
  const stranger = { isOwnerOrAdmin: false, duringIncident: false };
  it('lets owners and admins see their own cameras whatever the mode', () => {
    for (const mode of ['live', 'on_request', 'alarm_only', 'none'] as const) expect(sharingAllowsVideo(mode, { isOwnerOrAdmin: true, duringIncident: false })).toBe(true);
  });
  it('opens alarm_only cameras during incidents only and never on_request or none', () => {
    expect(sharingAllowsVideo('live', stranger)).toBe(true);
    expect(sharingAllowsVideo('alarm_only', stranger)).toBe(false);
    expect(sharingAllowsVideo('alarm_only', { ...stranger, duringIncident: true })).toBe(true);
    expect(sharingAllowsVideo('on_request', { ...stranger, duringIncident: true })).toBe(false);
    expect(sharingAllowsVideo('none', { ...stranger, duringIncident: true })).toBe(false);
  });
});
