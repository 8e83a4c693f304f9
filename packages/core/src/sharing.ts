import type { SharingMode } from './camera.ts';

/** What asks for a camera's video beyond its owner: live view, a snapshot or a clip. */
export interface SharingContext {
  /** The camera's own member, or a network admin. */
  isOwnerOrAdmin: boolean;
  /** The request is tied to an open incident (911 call, gunshot, alarm). */
  duringIncident: boolean;
}

/**
 * Whether the owner's standing consent covers video leaving the edge now. `live` always; `alarm_only` only during an
 * incident; `on_request` needs the owner's one-time approval (a footage request); `none` never.
 */
export function sharingAllowsVideo(mode: SharingMode, ctx: SharingContext): boolean {
  if (ctx.isOwnerOrAdmin) return true;
  if (mode === 'live') return true;
  if (mode === 'alarm_only') return ctx.duringIncident;
  return false;
}
