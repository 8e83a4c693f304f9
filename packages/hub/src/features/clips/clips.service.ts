import type { Readable } from 'node:stream';
import { forbidden, invalid, newId, notFound, sharingAllowsVideo, unavailable } from '@camnet/core';
import type { AuditPurpose, EdgeMessage } from '@camnet/core';
import type { Principal } from '../../http/principal.ts';
import type { Camera } from '../cameras/camera.ts';
import type { CamerasService } from '../cameras/cameras.service.ts';
import type { EdgeConnections } from '../edges/edge-connections.ts';
import type { EdgesService } from '../edges/edges.service.ts';
import type { BlobStore } from './blob-store.ts';
import type { Clip, ClipStore } from './clip.store.ts';

export interface ClipsServiceDeps {
  clips: ClipStore;
  blobs: BlobStore;
  cameras: CamerasService;
  edges: EdgesService;
  connections: EdgeConnections;
  clock: () => Date;
}

/** Longest clip one request may ask for. */
export const MAX_CLIP_MINUTES = 30;
const SNAPSHOT_TIMEOUT_MS = 10_000;

export interface ClipRequest {
  cameraId: string;
  start: string;
  end: string;
  purpose: AuditPurpose | null;
  incidentId?: string | null;
  exact?: boolean;
}

export type ClipsService = ReturnType<typeof createClipsService>;

/** Clips and snapshots cut by edges on request: sharing checked, uploads hashed, both hashes recorded. */
export function createClipsService({ clips, blobs, cameras, edges, connections, clock }: ClipsServiceDeps) {
  const snapshots = new Map<string, Buffer>();

  function checkSharing(viewer: Principal, camera: Camera, duringIncident: boolean): void {
    const isOwnerOrAdmin = viewer.role === 'admin' || viewer.memberId === camera.memberId;
    if (!sharingAllowsVideo(camera.sharingMode, { isOwnerOrAdmin, duringIncident })) {
      throw forbidden('sharing_does_not_allow', `The owner of "${camera.name}" shares it ${camera.sharingMode.replace('_', ' ')}: send them a footage request instead.`, { sharingMode: camera.sharingMode });
    }
  }

  async function edgeFor(camera: Camera) {
    const edge = await edges.serving(camera);
    if (!edge || !connections.isConnected(edge.id)) throw unavailable('edge_offline', `The edge recording "${camera.name}" is not connected right now.`);
    return edge;
  }

  async function onReply(id: string, reply: EdgeMessage): Promise<void> {
    const clip = await clips.findById(id);
    if (!clip) return;
    if (reply.type === 'command.failed') {
      await clips.update(id, { status: 'failed', errorId: reply.errorId, errorMessage: reply.message });
    } else if (reply.type === 'clip.ready') {
      const matches = clip.hubSha256 !== null && clip.hubSha256 === reply.sha256;
      await clips.update(id, {
        edgeSha256: reply.sha256, gaps: reply.gaps, start: reply.start, end: reply.end,
        status: matches ? 'ready' : 'mismatch', readyAt: clock().toISOString(),
        ...(matches ? {} : { errorId: 'clip_hash_mismatch', errorMessage: 'The clip the hub received does not match what the edge cut.' }),
      });
    }
  }

  return {
    /** Asks the camera's edge for a clip; resolves once asked (the clip arrives later: poll `get`). */
    async request(viewer: Principal, req: ClipRequest): Promise<Clip> {
      const startMs = Date.parse(req.start);
      const endMs = Date.parse(req.end);
      if (!(endMs > startMs)) throw invalid('clip_window_invalid', 'The clip must end after it starts.');
      if (endMs - startMs > MAX_CLIP_MINUTES * 60_000) throw invalid('clip_too_long', `Ask for at most ${MAX_CLIP_MINUTES} minutes per clip.`);
      const camera = await cameras.get(viewer, req.cameraId);
      checkSharing(viewer, camera, !!req.incidentId);
      const edge = await edgeFor(camera);
      const clip: Clip = {
        id: newId(clock().getTime()), cameraId: camera.id, edgeId: edge.id, start: new Date(startMs).toISOString(), end: new Date(endMs).toISOString(),
        purpose: req.purpose, requestedBy: viewer.email, incidentId: req.incidentId ?? null, status: 'requested', edgeSha256: null, hubSha256: null,
        bytes: null, blobKey: null, gaps: [], errorId: null, errorMessage: null, createdAt: clock().toISOString(), readyAt: null,
      };
      await clips.insert(clip);
      const { reply } = connections.request(edge.id, (id) => ({ type: 'clip.request', id, cameraId: camera.id, start: clip.start, end: clip.end, exact: req.exact }), 120_000, clip.id);
      reply.then((r) => onReply(clip.id, r), (e: Error & { id?: string }) => clips.update(clip.id, { status: 'failed', errorId: e.id ?? 'edge_timeout', errorMessage: e.message }));
      return clip;
    },

    async get(viewer: Principal, id: string): Promise<Clip> {
      const clip = await clips.findById(id);
      if (!clip) throw notFound('clip_not_found', `No clip with id ${id}.`);
      await cameras.get(viewer, clip.cameraId);
      return clip;
    },

    /** The clip's video, once ready. */
    async open(viewer: Principal, id: string): Promise<{ clip: Clip; body: Readable }> {
      const clip = await this.get(viewer, id);
      if (clip.status !== 'ready' || !clip.blobKey) throw invalid('clip_not_ready', `The clip is ${clip.status}.`, { status: clip.status });
      return { clip, body: blobs.read(clip.blobKey) };
    },

    /** Receives an edge's upload: streamed to the blob store and hashed on the way. */
    async receiveUpload(edgeId: string, id: string, body: Readable, edgeSha256: string | undefined): Promise<{ sha256: string; bytes: number }> {
      const clip = await clips.findById(id);
      if (!clip || clip.edgeId !== edgeId) throw notFound('clip_not_found', `No clip ${id} was asked of this edge.`);
      if (clip.status !== 'requested') throw invalid('clip_already_uploaded', 'This clip was already uploaded.');
      const blobKey = `clips/${clip.cameraId}/${clip.id}.mp4`;
      const written = await blobs.write(blobKey, body);
      await clips.update(id, { blobKey, bytes: written.bytes, hubSha256: written.sha256, status: 'uploaded' });
      if (edgeSha256 && edgeSha256 !== written.sha256) throw invalid('clip_hash_mismatch', 'The body does not match the X-Content-SHA256 header.');
      return written;
    },

    /** A fresh JPEG from the camera (privacy masks applied by the edge). */
    async snapshot(viewer: Principal, cameraId: string, opts: { duringIncident?: boolean } = {}): Promise<{ jpeg: Buffer; takenAt: string }> {
      const camera = await cameras.get(viewer, cameraId);
      checkSharing(viewer, camera, !!opts.duringIncident);
      const edge = await edgeFor(camera);
      const { id, reply } = connections.request(edge.id, (rid) => ({ type: 'snapshot.request', id: rid, cameraId, from: 'live' }), SNAPSHOT_TIMEOUT_MS);
      const r = await reply;
      const jpeg = snapshots.get(id);
      snapshots.delete(id);
      if (r.type === 'command.failed') throw unavailable(r.errorId, r.message);
      if (!jpeg) throw unavailable('snapshot_missing', 'The edge answered but its image did not arrive.');
      return { jpeg, takenAt: r.type === 'snapshot.ready' ? r.takenAt : clock().toISOString() };
    },

    /** Receives a snapshot upload (kept in memory until the waiting request takes it). */
    async receiveSnapshot(id: string, body: Readable): Promise<void> {
      const chunks: Buffer[] = [];
      for await (const c of body) chunks.push(c as Buffer);
      snapshots.set(id, Buffer.concat(chunks));
      setTimeout(() => snapshots.delete(id), SNAPSHOT_TIMEOUT_MS).unref();
    },

    /** Routes an edge's reply (clip.ready, snapshot.ready, command.failed) to what awaits it. */
    settle(reply: Extract<EdgeMessage, { of: string }>): boolean {
      return connections.settle(reply);
    },
  };
}
