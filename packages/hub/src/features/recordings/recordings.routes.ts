import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CamerasService } from '../cameras/cameras.service.ts';
import type { RecordingStore } from './recording.store.ts';

/** A camera's recording timeline (gaps with their cause) and the retention deletion receipts. */
export function registerRecordingRoutes(root: FastifyInstance, { recordings, cameras }: { recordings: RecordingStore; cameras: CamerasService }): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['recordings'];

  app.get('/api/v1/cameras/:id/recording', {
    schema: {
      tags, summary: 'Recording timeline: gaps (stream down, ffmpeg restart, edge offline) and deletions by retention',
      params: z.object({ id: z.string() }),
      querystring: z.object({ from: z.string().datetime().optional(), to: z.string().datetime().optional() }),
    },
    config: { access: { roles: ['admin', 'operator', 'investigator', 'owner', 'installer', 'auditor'] } },
  }, async (req) => {
    const camera = await cameras.get(req.principal!, req.params.id);
    const to = req.query.to ?? new Date().toISOString();
    const from = req.query.from ?? new Date(Date.parse(to) - 24 * 3_600_000).toISOString();
    const [gaps, deletions] = await Promise.all([recordings.gaps(camera.id, from, to), recordings.receipts({ cameraId: camera.id, from, to }, 1000)]);
    return { cameraId: camera.id, from, to, lastFrameAt: camera.lastFrameAt, status: camera.status, gaps, deletions };
  });

  app.get('/api/v1/retention/receipts', {
    schema: {
      tags, summary: 'Deletion receipts: what retention deleted, when, and why',
      querystring: z.object({ cameraId: z.string().optional(), from: z.string().datetime().optional(), to: z.string().datetime().optional(), limit: z.coerce.number().int().min(1).max(5000).default(500) }),
    },
    config: { access: { roles: ['admin', 'auditor'] }, audit: { action: 'retention.receipts_read' } },
  }, async (req) => ({ items: await recordings.receipts(req.query, req.query.limit) }));
}
