/** A camera's video at the hub: live view, snapshots, the recording timeline, clips and retention receipts. */
import { api, buildUrl } from './http.ts';
import type { Clip, ClipPurpose, RecordingTimeline, RetentionReceipt } from './types.ts';

export interface ClipRequestInput {
  cameraId: string;
  start: string;
  end: string;
  purpose: ClipPurpose;
  incidentId?: string;
  exact?: boolean;
}

export interface ReceiptQuery {
  cameraId?: string;
  from?: string;
  to?: string;
  limit?: number;
}

export const recordingsApi = {
  /** Gaps and deletions in [from, to] (the hub defaults to the last 24 h). */
  timeline: (cameraId: string, q: { from?: string; to?: string } = {}) =>
    api.get<RecordingTimeline>(`/cameras/${encodeURIComponent(cameraId)}/recording`, { ...q }),
  receipts: (q: ReceiptQuery = {}) => api.get<{ items: RetentionReceipt[] }>('/retention/receipts', { ...q }),

  /** Asks the camera's edge for a clip; answers 202 with the clip in `requested` state (poll `clip`). */
  requestClip: (input: ClipRequestInput) => api.post<Clip>('/clips', input),
  clip: (id: string) => api.get<Clip>(`/clips/${encodeURIComponent(id)}`),
  clipVideoUrl: (id: string) => buildUrl(`/clips/${encodeURIComponent(id)}/video`),

  /** multipart/x-mixed-replace MJPEG through the hub; an <img> shows it. `nonce` forces a fresh connection. */
  liveUrl: (cameraId: string, opts: { fps?: number; nonce?: number } = {}) =>
    buildUrl(`/cameras/${encodeURIComponent(cameraId)}/live.mjpeg`, { fps: opts.fps, n: opts.nonce }),
  /** One fresh JPEG; the answer's `X-Frame-Taken-At` header says when the edge captured it. */
  snapshotUrl: (cameraId: string, nonce?: number) => buildUrl(`/cameras/${encodeURIComponent(cameraId)}/snapshot.jpg`, { n: nonce }),
};
