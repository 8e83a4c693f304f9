import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PassThrough } from 'node:stream';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { CONTENT_SHA256_HEADER } from '@camnet/core';
import type { ClipsService } from './clips.service.ts';

const purposeSchema = z.object({
  caseNumber: z.string().trim().max(64).optional(),
  offence: z.string().trim().max(80).optional(),
  text: z.string().trim().min(3, 'say why in a few words').max(500),
});

const viewers = { roles: ['admin', 'operator', 'investigator', 'owner'] as const };

/** Clips and snapshots: people ask, edges upload. */
export function registerClipRoutes(root: FastifyInstance, { clips }: { clips: ClipsService }): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['clips'];
  const idParams = z.object({ id: z.string() });
  // Uploads stream straight to the blob store: no buffering, no body-size cap beyond the edge's own limits.
  root.addContentTypeParser(['video/mp4', 'image/jpeg', 'application/octet-stream'], (_req, payload, done) => done(null, payload));

  app.post('/api/v1/clips', {
    schema: {
      tags, summary: 'Ask a camera’s edge for a clip (sharing permitting)',
      body: z.object({ cameraId: z.string(), start: z.string().datetime(), end: z.string().datetime(), purpose: purposeSchema, incidentId: z.string().optional(), exact: z.boolean().optional() }),
    },
    config: { access: viewers, audit: { action: 'clip.request' } },
  }, async (req, reply) => {
    req.auditNote.purpose = req.body.purpose;
    const clip = await clips.request(req.principal!, req.body);
    req.auditNote.target = clip.id;
    req.auditNote.details = { cameraId: clip.cameraId, start: clip.start, end: clip.end };
    return reply.status(202).send(clip);
  });

  app.get('/api/v1/clips/:id', { schema: { tags, summary: 'A clip’s status and hashes', params: idParams }, config: { access: viewers } },
    async (req) => clips.get(req.principal!, req.params.id));

  app.get('/api/v1/clips/:id/video', {
    schema: { tags, summary: 'The clip (video/mp4)', params: idParams },
    config: { access: viewers, audit: { action: 'clip.view', target: (req) => (req.params as { id: string }).id } },
  }, async (req, reply) => {
    const { clip, body } = await clips.open(req.principal!, req.params.id);
    return reply.type('video/mp4').header('content-length', String(clip.bytes)).header('x-content-sha256', clip.hubSha256 ?? '').send(body);
  });

  app.get('/api/v1/cameras/:id/snapshot.jpg', {
    schema: { tags, summary: 'A fresh JPEG from the camera (masks applied)', params: idParams, querystring: z.object({ incidentId: z.string().optional() }) },
    config: { access: viewers, audit: { action: 'camera.snapshot', target: (req) => (req.params as { id: string }).id } },
  }, async (req, reply) => {
    const { jpeg, takenAt } = await clips.snapshot(req.principal!, req.params.id, { duringIncident: !!req.query.incidentId });
    return reply.type('image/jpeg').header('cache-control', 'no-store').header('x-frame-taken-at', takenAt).send(jpeg);
  });

  app.get('/api/v1/cameras/:id/live.mjpeg', {
    schema: {
      tags, summary: 'Live view as MJPEG (multipart/x-mixed-replace), masks applied; each part carries X-Frame-Taken-At',
      params: idParams, querystring: z.object({ incidentId: z.string().optional(), fps: z.coerce.number().min(0.2).max(5).default(2) }),
    },
    config: { access: viewers, audit: { action: 'camera.live', target: (req) => (req.params as { id: string }).id } },
  }, async (req, reply) => {
    const viewer = req.principal!;
    const opts = { duringIncident: !!req.query.incidentId };
    const first = await clips.snapshot(viewer, req.params.id, opts); // fails fast (sharing, edge offline) before streaming starts
    const stream = new PassThrough();
    let open = true;
    req.raw.on('close', () => { open = false; });
    const part = (f: { jpeg: Buffer; takenAt: string }) =>
      stream.write(Buffer.concat([Buffer.from(`--frame\r\nContent-Type: image/jpeg\r\nContent-Length: ${f.jpeg.length}\r\nX-Frame-Taken-At: ${f.takenAt}\r\n\r\n`), f.jpeg, Buffer.from('\r\n')]));
    part(first);
    void (async () => {
      const interval = 1000 / req.query.fps;
      while (open) {
        const started = Date.now();
        try {
          part(await clips.snapshot(viewer, req.params.id, opts));
        } catch {
          // A missed frame is shown as a stale image (the tile shows its age); keep trying while someone watches.
        }
        await new Promise((r) => setTimeout(r, Math.max(0, interval - (Date.now() - started))));
      }
      stream.end();
    })();
    return reply.type('multipart/x-mixed-replace; boundary=frame').header('cache-control', 'no-store').send(stream);
  });

  app.post('/api/v1/edges/clips/:id', {
    schema: { tags, summary: 'An edge uploads a requested clip (streamed, hashed)', params: idParams },
    config: { access: { edge: true }, audit: { action: 'clip.upload', target: (req) => (req.params as { id: string }).id } },
  }, async (req) => {
    const claimed = req.headers[CONTENT_SHA256_HEADER.toLowerCase()];
    req.auditNote.actor = `edge:${req.edgeId}`;
    return clips.receiveUpload(req.edgeId!, req.params.id, req.body as Readable, typeof claimed === 'string' ? claimed : undefined);
  });

  app.post('/api/v1/edges/snapshots/:id', {
    schema: { tags, summary: 'An edge uploads a requested snapshot', params: idParams },
    config: { access: { edge: true } },
  }, async (req, reply) => {
    await clips.receiveSnapshot(req.params.id, req.body as Readable);
    return reply.status(204).send();
  });
}
