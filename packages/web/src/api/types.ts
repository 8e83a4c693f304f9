/** Wire types of the hub's /api/v1 JSON API (camelCase, ISO UTC timestamps). */

export const ROLES = ['admin', 'operator', 'investigator', 'patrol', 'owner', 'auditor', 'installer'] as const;
export type Role = (typeof ROLES)[number];

export const MEMBER_KINDS = ['business', 'resident', 'agency', 'vendor', 'network_admin'] as const;
export type MemberKind = (typeof MEMBER_KINDS)[number];

export const SHARING_MODES = ['live', 'on_request', 'alarm_only', 'none'] as const;
export type SharingMode = (typeof SHARING_MODES)[number];

export const MOUNT_TYPES = ['wall', 'pole', 'window', 'roof', 'doorbell', 'other'] as const;
export type MountType = (typeof MOUNT_TYPES)[number];

export const CAMERA_STATUSES = ['pending_attestation', 'online', 'offline', 'disabled'] as const;
export type CameraStatus = (typeof CAMERA_STATUSES)[number];

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  memberId: string | null;
  mfaEnrolled: boolean;
  disabled?: boolean;
  createdAt?: string;
}

export type MfaState = 'ok' | 'required' | 'enrol_required';

export interface Session {
  user: User;
  csrfToken: string;
  mfa: MfaState;
}

export interface PublicConfig {
  networkName: string;
  mapTileUrl: string | null;
  maxRetentionDays: number;
  offenceCategories: string[];
}

/** One page of a keyset-paginated list. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Member {
  id: string;
  name: string;
  kind: MemberKind;
  contactEmail?: string | null;
  createdAt?: string;
}

export interface Site {
  id: string;
  memberId: string;
  name: string;
  address: string;
  lat: number;
  lon: number;
  createdAt?: string;
}

export interface Camera {
  id: string;
  siteId: string;
  memberId: string;
  name: string;
  lat: number;
  lon: number;
  headingDeg: number;
  fovDeg: number;
  rangeM: number;
  mountType: MountType;
  sharingMode: SharingMode;
  retentionDays: number;
  maskMode: 'overlay' | 'burn';
  privacyMasks: [number, number][][];
  hasStreamUrl: boolean;
  publicViewAttested: boolean;
  status: CameraStatus;
  lastFrameAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** The edge assigned to record it; null: its site's edge, else the local edge of `camnet up`. */
  edgeId?: string | null;
  /** What the edge's vision last said of the picture, from the plates of recent vehicles; null until it has. */
  pictureCheck?: PictureCheck | null;
}

/** Plates of the last vehicles read (`platesChecked`), how many were washed out to white, and the edge's verdict. */
export interface PictureCheck {
  platesChecked: number;
  platesClipped: number;
  warning: 'overexposed' | null;
  /** When these figures were reported. */
  at: string;
}

/** What a person may send when adding or changing a camera (`streamUrl` is write-only). */
export interface CameraInput {
  siteId: string;
  name: string;
  lat: number;
  lon: number;
  headingDeg?: number;
  fovDeg?: number;
  rangeM?: number;
  mountType?: MountType;
  sharingMode?: SharingMode;
  retentionDays?: number;
  streamUrl?: string | null;
  publicViewAttested?: boolean;
}

/** The compact map form: column names once, then one array per camera. */
export interface CameraMapTable {
  fields: string[];
  rows: unknown[][];
}

export interface ImportResult {
  imported: number;
  rows: number;
  errors: { line: number; id: string; message: string }[];
}

export interface Edge {
  id: string;
  /** Null for the local edge of `camnet up`. */
  siteId: string | null;
  name: string;
  status: 'pending' | 'online' | 'offline';
  version: string | null;
  lastSeenAt: string | null;
  diskUsedBytes: number | null;
  clockOffsetMs: number | null;
  cameras?: number;
  /** The local edge of `camnet up` (no site): records cameras at sites without an edge of their own. */
  embedded?: boolean;
  createdAt?: string;
}

export interface AuditRecord {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  purpose: string | null;
  outcome: string;
  details: unknown;
  hash: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  brokenSeq?: number;
  reason?: string;
}

export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt?: string | null;
}

/** Messages pushed on the /api/v1/live WebSocket. */
export type LiveMessage =
  | { type: 'camera.changed'; camera?: Partial<Camera> & { id: string }; cameraId?: string; memberId?: string }
  | { type: 'camera.removed'; id?: string; cameraId?: string }
  | { type: 'edge.changed'; edge?: Partial<Edge> & { id: string }; edgeId?: string; siteId?: string | null };

/** A time a camera was not recorded; `cause` starts with a stable word (`stream_unreachable: …`, `stalled`). */
export interface RecordingGap {
  cameraId?: string;
  start: string;
  /** Null while the gap is still open. */
  end: string | null;
  cause: string;
}

/** A deletion receipt: retention (the camera's days, or the edge's disk budget) deleted this recording. */
export interface RetentionReceipt {
  cameraId: string;
  segmentStart: string;
  segmentEnd: string;
  bytes: number;
  reason: 'retention' | 'disk_budget' | (string & {});
  deletedAt: string;
}

/** `GET /cameras/:id/recording`: what is missing from a camera's recording in a window. */
export interface RecordingTimeline {
  cameraId: string;
  from: string;
  to: string;
  lastFrameAt: string | null;
  status: CameraStatus;
  gaps: RecordingGap[];
  deletions: RetentionReceipt[];
}

export type ClipStatus = 'requested' | 'uploaded' | 'ready' | 'mismatch' | 'failed';

export interface ClipPurpose {
  caseNumber?: string;
  offence?: string;
  text: string;
}

/** A clip an edge cut from its recording on request, held at the hub with both SHA-256 hashes. */
export interface Clip {
  id: string;
  cameraId: string;
  start: string;
  end: string;
  status: ClipStatus;
  edgeSha256: string | null;
  hubSha256: string | null;
  bytes: number | null;
  gaps: RecordingGap[];
  errorId: string | null;
  errorMessage: string | null;
  requestedBy?: string;
  createdAt: string;
  readyAt: string | null;
}
