/** Row types of the hub database, shared by SQLite and PostgreSQL. Timestamps are ISO 8601 UTC text; booleans 0/1. */

export interface MemberRow { id: string; name: string; kind: string; contact_email: string | null; created_at: string; updated_at: string }

export interface UserRow {
  id: string; member_id: string; email: string; name: string; role: string; password_hash: string;
  disabled: number; failed_logins: number; locked_until: string | null;
  totp_secret: string | null; totp_enabled: number; recovery_codes: string | null;
  created_at: string; updated_at: string;
}

export interface SessionRow {
  id_hash: string; user_id: string; csrf_token: string; mfa_state: string;
  created_at: string; last_seen_at: string; expires_at: string;
}

export interface ApiTokenRow {
  id: string; user_id: string; name: string; role: string; token_hash: string;
  created_at: string; expires_at: string | null; revoked_at: string | null; last_used_at: string | null;
}

export interface SetupTokenRow { token_hash: string; created_at: string; used_at: string | null }

export interface SiteRow { id: string; member_id: string; name: string; address: string; lat: number; lon: number; created_at: string; updated_at: string }

export interface EdgeRow {
  id: string; site_id: string | null; embedded: number; name: string; enrolment_hash: string | null; credential_hash: string | null;
  status: string; version: string | null; last_seen_at: string | null; disk_used_bytes: number | null;
  clock_offset_ms: number | null; created_at: string;
}

export interface CameraRow {
  id: string; site_id: string; member_id: string; edge_id: string | null; name: string; lat: number; lon: number;
  heading_deg: number; fov_deg: number; range_m: number; mount_type: string; sharing_mode: string;
  retention_days: number; mask_mode: string; privacy_masks: string; stream_url_enc: string | null;
  public_view_attested: number; status: string; last_frame_at: string | null; created_at: string; updated_at: string;
  /** JSON of `Camera.pictureCheck` (migration 0010). */
  picture_check: string | null;
}

export interface AuditRow {
  seq: number; at: string; actor: string; action: string; target: string | null; purpose: string | null;
  outcome: string; details: string | null; prev_hash: string; hash: string;
}

/** A vehicle event; id = startedMs * 1000 + slot (time-ordered); codes index the store's frozen vocabularies. */
export interface VehicleEventRow {
  id: number; edge_key: number; local_id: string; camera_key: number; ended_ms: number; received_ms: number;
  type_code: number; colour_code: number; colour_conf: number; colour_alt_code: number;
  plate: string | null; plate_conf: number | null; plate_read: string | null; direction: number | null; box: string; source_code: number;
}

/**
 * A plated event keyed by plate (migration 0007 added the event's other columns, so plate searches read this table alone).
 * PostgreSQL only since migration 0008: on SQLite the same rows live in the plate run tables `vehicle_event_plate_run_<n>`
 * (docs/adr/0005-plate-runs.md), reached by hand-built SQL.
 */
export type VehicleEventPlateRow = VehicleEventRow & { plate_key: string; plate: string };

export interface VehicleEventRefRow { key: number; kind: string; ref: string }

export interface VehicleEventMediaRow { id: number; thumbnail: string | null; plate_crop: string | null }

/** Events per UTC hour number, `colour_code * 16 + type_code` and camera (migration 0009); facets read counted hours here. */
export interface VehicleEventHourCountRow { hour: number; code: number; camera_key: number; n: number }

/** SQLite (migration 0009): the hours whose counts are complete; other hours' facets are counted from the events. */
export interface VehicleEventCountedHourRow { hour: number }

/** RTCC (migration 0003): incidents and their timeline; `cameras` is the ranked camera list as JSON. */
export interface IncidentRow {
  id: string; external_id: string | null; source: string; type: string; priority: number; status: string; disposition: string | null;
  occurred_at: string; lat: number; lon: number; address: string | null; caller_notes: string | null; cameras: string;
  created_by: string; created_at: string; updated_at: string;
}

export interface IncidentTimelineRow { id: string; incident_id: string; at: string; kind: string; actor: string; text: string; data: string | null }

export interface AddressPointRow {
  id: string; number: number; street: string; street_key: string; street_base: string; unit: string | null; city: string | null;
  postcode: string | null; lat: number; lon: number;
}

export interface StreetIntersectionRow { id: string; name: string; base_a: string; base_b: string; lat: number; lon: number }

export interface AcousticSensorRow { id: string; name: string; lat: number; lon: number; clock_sigma_ms: number; created_at: string; updated_at: string }

export interface GunshotRow {
  id: string; incident_id: string; source: string; lat: number; lon: number; uncertainty_m: number | null; emitted_at: string;
  sensors: number; details: string; created_at: string;
}

export interface BoloRow {
  id: string; incident_id: string | null; event_id: string | null; title: string; plate: string | null; vehicle: string; description: string | null;
  images: string; last_seen_at: string | null; last_seen_place: string | null; lat: number | null; lon: number | null; sent_by: string; created_at: string;
}

export interface BoloAckRow { bolo_id: string; user_id: string; user_email: string; at: string; note: string | null }

export interface ClipRow {
  id: string; camera_id: string; edge_id: string; start_at: string; end_at: string; purpose: string | null; requested_by: string;
  incident_id: string | null; status: string; edge_sha256: string | null; hub_sha256: string | null; bytes: number | null;
  blob_key: string | null; gaps: string | null; error_id: string | null; error_message: string | null; created_at: string; ready_at: string | null;
}

export interface RecordingGapRow { camera_id: string; start_at: string; end_at: string | null; cause: string; edge_id: string }
export interface DeletionReceiptRow { camera_id: string; segment_start: string; segment_end: string; bytes: number; reason: string; deleted_at: string; edge_id: string }

export interface Database {
  members: MemberRow;
  users: UserRow;
  sessions: SessionRow;
  api_tokens: ApiTokenRow;
  setup_tokens: SetupTokenRow;
  sites: SiteRow;
  edges: EdgeRow;
  cameras: CameraRow;
  audit_log: AuditRow;
  clips: ClipRow;
  recording_gaps: RecordingGapRow;
  deletion_receipts: DeletionReceiptRow;
  incidents: IncidentRow;
  incident_timeline: IncidentTimelineRow;
  address_points: AddressPointRow;
  street_intersections: StreetIntersectionRow;
  acoustic_sensors: AcousticSensorRow;
  gunshots: GunshotRow;
  bolos: BoloRow;
  bolo_acks: BoloAckRow;
  vehicle_events: VehicleEventRow;
  vehicle_event_plates: VehicleEventPlateRow;
  vehicle_event_refs: VehicleEventRefRow;
  vehicle_event_media: VehicleEventMediaRow;
  vehicle_event_hour_counts: VehicleEventHourCountRow;
  vehicle_event_counted_hours: VehicleEventCountedHourRow;
}
