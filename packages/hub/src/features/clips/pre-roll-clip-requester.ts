import type { Principal } from '../../http/principal.ts';
import type { ClipRequester } from '../incidents/clip-requester.ts';
import type { ClipsService } from './clips.service.ts';

// Pre-roll is asked by the hub itself on behalf of the crime centre; sharing rules apply as for an operator.
const PRE_ROLL_ACTOR: Principal = { userId: 'system', email: 'system:incident-pre-roll', role: 'operator', memberId: '', via: 'token', mfa: 'ok' };

/** The incidents feature's ClipRequester, answered by real edge clips (edge offline → 'unavailable'). */
export function createPreRollClipRequester(clips: ClipsService): ClipRequester {
  return {
    async requestClip(req) {
      try {
        const clip = await clips.request(PRE_ROLL_ACTOR, {
          cameraId: req.cameraId, start: req.start, end: req.end, incidentId: req.incidentId,
          purpose: { caseNumber: req.incidentId, offence: 'incident', text: req.reason },
        });
        return { clipId: clip.id, status: clip.status };
      } catch (e) {
        const err = e as { id?: string };
        if (err.id === 'edge_offline' || err.id === 'sharing_does_not_allow') return { clipId: '', status: 'unavailable' };
        throw e;
      }
    },
  };
}
