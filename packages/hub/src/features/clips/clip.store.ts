import type { AuditPurpose } from '@camnet/core';

/** Where a clip stands: asked of the edge → uploaded to the hub → ready (both hashes match), or failed/mismatch. */
export type ClipStatus = 'requested' | 'uploaded' | 'ready' | 'mismatch' | 'failed';

/** A clip cut by an edge from its recordings and held at the hub. */
export interface Clip {
  id: string;
  cameraId: string;
  edgeId: string;
  start: string;
  end: string;
  purpose: AuditPurpose | null;
  requestedBy: string;
  incidentId: string | null;
  status: ClipStatus;
  /** SHA-256 the edge computed when it cut the clip. */
  edgeSha256: string | null;
  /** SHA-256 the hub computed while receiving it. */
  hubSha256: string | null;
  bytes: number | null;
  blobKey: string | null;
  gaps: { start: string; end: string | null; cause: string }[];
  errorId: string | null;
  errorMessage: string | null;
  createdAt: string;
  readyAt: string | null;
}

export interface ClipStore {
  insert(clip: Clip): Promise<void>;
  findById(id: string): Promise<Clip | null>;
  update(id: string, patch: Partial<Omit<Clip, 'id' | 'createdAt'>>): Promise<void>;
  list(filter: { cameraId?: string; incidentId?: string }, limit: number): Promise<Clip[]>;
}
