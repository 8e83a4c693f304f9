import { isDomainError, newId, type EdgeMessage, type HubMessage } from '@camnet/core';
import type { ClipService } from '../clips/clip-service.ts';
import type { SegmentIndex } from '../recording/segment-index.ts';
import type { uploadToHub } from './http-upload.ts';

/** A hub → edge command the edge carries out. */
export type HubCommand = Extract<HubMessage, { type: 'clip.request' | 'snapshot.request' | 'hold.set' | 'hold.release' }>;

/** Dependencies of the command handler; `upload` is the HTTP uploader (a fake in tests). */
export interface CommandHandlerDeps {
  clips: ClipService;
  index: SegmentIndex;
  hubUrl: string;
  credential: () => string;
  upload: typeof uploadToHub;
}

/** Carries out one command and returns the message to send back (result, ack or command.failed). */
export function createCommandHandler(d: CommandHandlerDeps): (cmd: HubCommand) => Promise<EdgeMessage> {
  const url = (path: string) => new URL(path, d.hubUrl).toString();
  const run = async (cmd: HubCommand): Promise<EdgeMessage> => {
    switch (cmd.type) {
      case 'clip.request': {
        const clip = await d.clips.cut({ requestId: cmd.id, cameraId: cmd.cameraId, startMs: ms(cmd.start), endMs: ms(cmd.end), exact: cmd.exact ?? false });
        try {
          await d.upload({ url: url(`/api/v1/edges/clips/${encodeURIComponent(cmd.id)}`), credential: d.credential(), body: { path: clip.path }, bytes: clip.bytes, sha256: clip.sha256, contentType: 'video/mp4' });
        } finally {
          clip.dispose();
        }
        const iso = (t: number) => new Date(t).toISOString();
        const gaps = clip.gaps.map((g) => ({ start: iso(g.startMs), end: g.endMs === null ? null : iso(g.endMs), cause: g.cause }));
        return { type: 'clip.ready', id: newId(), of: cmd.id, cameraId: cmd.cameraId, start: iso(clip.startMs), end: iso(clip.endMs), bytes: clip.bytes, sha256: clip.sha256, exact: clip.exact, gaps };
      }
      case 'snapshot.request': {
        const snap = await d.clips.snapshot({ cameraId: cmd.cameraId, from: cmd.from ?? 'live' });
        await d.upload({ url: url(`/api/v1/edges/snapshots/${encodeURIComponent(cmd.id)}`), credential: d.credential(), body: { buffer: snap.jpeg }, bytes: snap.jpeg.length, sha256: snap.sha256, contentType: 'image/jpeg' });
        return { type: 'snapshot.ready', id: newId(), of: cmd.id, cameraId: cmd.cameraId, takenAt: new Date(snap.takenAtMs).toISOString(), bytes: snap.jpeg.length, sha256: snap.sha256, masked: snap.masked };
      }
      case 'hold.set':
        d.index.putHold({ id: cmd.holdId, cameraId: cmd.cameraId, startMs: ms(cmd.start), endMs: ms(cmd.end), reason: cmd.reason, untilMs: cmd.until ? ms(cmd.until) : null });
        return { type: 'ack', id: newId(), of: cmd.id };
      case 'hold.release':
        d.index.releaseHold(cmd.holdId);
        return { type: 'ack', id: newId(), of: cmd.id };
    }
  };
  return async (cmd) => {
    try {
      return await run(cmd);
    } catch (e) {
      const errorId = isDomainError(e) ? e.id : 'edge_command_failed';
      return { type: 'command.failed', id: newId(), of: cmd.id, errorId, message: (e as Error).message.slice(0, 500) };
    }
  };
}

function ms(iso: string): number {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) throw Object.assign(new Error(`not a timestamp: ${iso}`), {});
  return t;
}
