import { z } from 'zod';
import { DISPOSITIONS, INCIDENT_STATUSES } from './incident.ts';

const location = {
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
  address: z.string().trim().min(2).max(200).optional(),
};

/** An incident entered on the dashboard or through the API: a position, an address to geocode, or both. */
export const incidentInputSchema = z.object({
  externalId: z.string().trim().min(1).max(200).optional(),
  type: z.string().trim().min(1).max(80),
  priority: z.number().int().min(1).max(9).default(3),
  occurredAt: z.iso.datetime().optional(),
  ...location,
  callerNotes: z.string().max(4000).optional(),
});
export type IncidentInput = z.infer<typeof incidentInputSchema>;

/**
 * A CAD call shaped after NENA EIDO (the subset camnet uses): the CAD's incident id, type, priority, call time,
 * location as coordinates or a civic address, caller notes. Unknown fields are ignored.
 */
export const cadCallSchema = z.object({
  incidentTrackingIdentifier: z.string().trim().min(1).max(200).describe('The CAD system’s id for the call (idempotency key)'),
  incidentTypeCommonRegistryText: z.string().trim().min(1).max(80).describe('e.g. "Robbery", "Shots fired"'),
  incidentPriority: z.union([z.number().int().min(1).max(9), z.string().regex(/^[1-9]$/).transform(Number)]).default(3),
  callReceivedTimestamp: z.iso.datetime({ offset: true }).optional(),
  location: z.object({
    latitude: z.number().min(-90).max(90).optional(),
    longitude: z.number().min(-180).max(180).optional(),
    civicAddressText: z.string().trim().min(2).max(200).optional(),
  }),
  notes: z.array(z.object({ text: z.string().max(4000) })).max(50).optional(),
  callerNotes: z.string().max(4000).optional(),
});
export type CadCall = z.infer<typeof cadCallSchema>;

/** Maps an EIDO-shaped call to an incident input. */
export function incidentFromCad(call: CadCall): IncidentInput {
  const notes = [call.callerNotes, ...(call.notes ?? []).map((n) => n.text)].filter((n): n is string => !!n && !!n.trim());
  return {
    externalId: call.incidentTrackingIdentifier,
    type: call.incidentTypeCommonRegistryText,
    priority: call.incidentPriority,
    occurredAt: call.callReceivedTimestamp ? new Date(call.callReceivedTimestamp).toISOString() : undefined,
    lat: call.location.latitude,
    lon: call.location.longitude,
    address: call.location.civicAddressText,
    callerNotes: notes.length ? notes.join('\n').slice(0, 4000) : undefined,
  };
}

/** A change of status and/or disposition; closing may carry a disposition. */
export const incidentPatchSchema = z.object({
  status: z.enum(INCIDENT_STATUSES).optional(),
  disposition: z.enum(DISPOSITIONS).optional(),
});

export const noteSchema = z.object({ text: z.string().trim().min(1).max(4000) });
