import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '@camnet/core';
import { actorOf } from '../../http/principal.ts';
import { arrivalsInputSchema, sensorInputSchema, vendorShotSchema } from './gunshot.ts';
import type { GunshotsService } from './gunshots.service.ts';

const FEEDERS = ['admin', 'operator'] as const;

/** Acoustic sensors, arrival reports (located by TDOA) and vendor shots; each located shot opens an incident. */
export function registerGunshotRoutes(root: FastifyInstance, { gunshots }: { gunshots: GunshotsService }): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['gunshots'];

  app.get('/api/v1/acoustic-sensors', { schema: { tags, summary: 'Acoustic sensors' }, config: { access: { roles: FEEDERS } } },
    async () => ({ items: await gunshots.listSensors() }));

  app.post('/api/v1/acoustic-sensors', {
    schema: { tags, summary: 'Register an acoustic sensor (position, clock quality)', body: sensorInputSchema },
    config: { access: { roles: ['admin'] }, audit: { action: 'acoustic-sensor.create' } },
  }, async (req, reply) => {
    const s = await gunshots.addSensor(req.body);
    req.auditNote.target = s.id;
    return reply.status(201).send(s);
  });

  app.delete('/api/v1/acoustic-sensors/:id', {
    schema: { tags, summary: 'Remove an acoustic sensor', params: z.object({ id: z.string() }) },
    config: { access: { roles: ['admin'] }, audit: { action: 'acoustic-sensor.delete', target: (req) => (req.params as { id: string }).id } },
  }, async (req, reply) => {
    if (!(await gunshots.deleteSensor(req.params.id))) throw notFound('sensor_not_found', `No acoustic sensor with id ${req.params.id}.`);
    return reply.status(204).send();
  });

  app.post('/api/v1/gunshots/arrivals', {
    schema: { tags, summary: 'Arrival times of impulses at sensors: grouped, located by TDOA (≥ 3 sensors), each shot opens an incident', body: arrivalsInputSchema },
    config: { access: { roles: FEEDERS }, audit: { action: 'gunshot.arrivals' } },
  }, async (req, reply) => {
    if (!req.body.complete) {
      const { pending } = await gunshots.streamArrivals(req.body);
      req.auditNote.details = { reports: req.body.reports.length, pending };
      return reply.status(202).send({ pending });
    }
    const outcomes = await gunshots.reportArrivals(actorOf(req.principal), req.body);
    const shots = outcomes.flatMap((o) => (o.located ? [{ incident: o.incident, fix: o.fix }] : []));
    const refused = outcomes.flatMap((o) => (o.located ? [] : [{ sensors: o.sensors, error: o.error }]));
    req.auditNote.details = { reports: req.body.reports.length, shots: shots.length, refused: refused.length };
    return reply.status(201).send({ shots, refused });
  });

  app.post('/api/v1/gunshots/vendor', {
    schema: { tags, summary: 'A vendor gunshot event that carries its own location (ShotSpotter-style); idempotent on the vendor id', body: vendorShotSchema },
    config: { access: { roles: FEEDERS }, audit: { action: 'gunshot.vendor' } },
  }, async (req, reply) => {
    const incident = await gunshots.reportVendorShot(actorOf(req.principal), req.body);
    req.auditNote.target = incident.id;
    return reply.status(201).send(incident);
  });

  app.get('/api/v1/gunshots/stream', { schema: { tags, summary: 'Reports waiting in the sensor stream, and its latest shots and refusals' }, config: { access: { roles: FEEDERS } } },
    async () => gunshots.streamState());

  app.get('/api/v1/gunshots', {
    schema: { tags, summary: 'Located shots, newest first', querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }) },
    config: { access: { roles: ['admin', 'operator', 'investigator'] } },
  }, async (req) => ({ items: await gunshots.listShots(req.query.limit) }));
}
