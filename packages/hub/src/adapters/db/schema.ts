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
  id: string; site_id: string; name: string; enrolment_hash: string | null; credential_hash: string | null;
  status: string; version: string | null; last_seen_at: string | null; disk_used_bytes: number | null;
  clock_offset_ms: number | null; created_at: string;
}

export interface CameraRow {
  id: string; site_id: string; member_id: string; edge_id: string | null; name: string; lat: number; lon: number;
  heading_deg: number; fov_deg: number; range_m: number; mount_type: string; sharing_mode: string;
  retention_days: number; mask_mode: string; privacy_masks: string; stream_url_enc: string | null;
  public_view_attested: number; status: string; last_frame_at: string | null; created_at: string; updated_at: string;
}

export interface AuditRow {
  seq: number; at: string; actor: string; action: string; target: string | null; purpose: string | null;
  outcome: string; details: string | null; prev_hash: string; hash: string;
}

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
}
