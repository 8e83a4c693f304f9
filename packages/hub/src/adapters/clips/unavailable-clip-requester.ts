import type { ClipRequester } from '../../features/incidents/clip-requester.ts';

/**
 * Placeholder until clips are wired to edge recordings: every request answers `unavailable`, so incidents record
 * that no pre-roll clip could be had. The lead engineer replaces this with the edge-backed requester in main.ts.
 */
export function createUnavailableClipRequester(): ClipRequester {
  return {
    async requestClip() {
      return { clipId: '', status: 'unavailable' };
    },
  };
}
