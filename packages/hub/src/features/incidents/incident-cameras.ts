import type { Incident, IncidentCamera, FootageState } from './incident.ts';
import type { ClipRequester } from './clip-requester.ts';
import type { NearestResult } from '../nearest/nearest.service.ts';

/** How many of the top covering cameras get a pre-roll clip (Atlanta rewinds the two closest). */
export const PRE_ROLL_CAMERAS = 2;
/** Pre-roll: from five minutes before the call to now. */
export const PRE_ROLL_MS = 5 * 60_000;

/** The cameras attached to a new incident: covering ones ranked, then nearby ones (`covers` false). */
export function attachCameras(found: NearestResult, covering = 8, nearby = 8): IncidentCamera[] {
  return [...found.covering.slice(0, covering), ...found.nearby.slice(0, nearby)].map((c) => ({ ...c, footage: null, clipId: null }));
}

/** Sharing decides: `live`, or `alarm_only` during an incident, may be clipped at once; `on_request` needs the owner; `none` is never asked. */
export function footagePolicy(c: Pick<IncidentCamera, 'sharingMode'>): FootageState {
  if (c.sharingMode === 'live' || c.sharingMode === 'alarm_only') return 'clip_requested';
  if (c.sharingMode === 'on_request') return 'request_needed';
  return 'not_shared';
}

/** What to record after asking for pre-roll clips: the updated cameras and one timeline line per decision. */
export interface PreRollOutcome {
  cameras: IncidentCamera[];
  lines: { kind: 'clip' | 'footage_request'; text: string; data: Record<string, unknown> }[];
}

/** Asks for pre-roll clips from the top covering cameras where sharing allows; otherwise notes a footage request is needed. */
export async function requestPreRoll(incident: Incident, clips: ClipRequester, now: Date): Promise<PreRollOutcome> {
  const cameras = incident.cameras.map((c) => ({ ...c }));
  const lines: PreRollOutcome['lines'] = [];
  const start = new Date(Date.parse(incident.occurredAt) - PRE_ROLL_MS).toISOString();
  for (const c of cameras.filter((x) => x.covers).slice(0, PRE_ROLL_CAMERAS)) {
    const policy = footagePolicy(c);
    if (policy !== 'clip_requested') {
      c.footage = policy;
      if (policy === 'request_needed') lines.push({ kind: 'footage_request', text: `Footage request needed from the owner of ${c.name} (shared on request).`, data: { cameraId: c.id, start, end: now.toISOString() } });
      continue;
    }
    try {
      const r = await clips.requestClip({ cameraId: c.id, start, end: now.toISOString(), incidentId: incident.id, reason: `Incident ${incident.type} (${incident.id}): pre-roll` });
      c.clipId = r.clipId || null;
      c.footage = r.status === 'unavailable' ? 'clip_unavailable' : 'clip_requested';
      lines.push({ kind: 'clip', text: `Pre-roll clip from ${c.name}: ${r.status}.`, data: { cameraId: c.id, clipId: r.clipId, status: r.status, start } });
    } catch (e) {
      c.footage = 'clip_unavailable';
      lines.push({ kind: 'clip', text: `Pre-roll clip from ${c.name} could not be requested: ${(e as Error).message}`, data: { cameraId: c.id, start } });
    }
  }
  return { cameras, lines };
}
