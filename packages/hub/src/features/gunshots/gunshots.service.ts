import { groupImpulseReports, invalid, isDomainError, locateShot, newId, sha256Hex } from '@camnet/core';
import type { ArrivalReport, ShotFix } from '@camnet/core';
import type { IncidentsService } from '../incidents/incidents.service.ts';
import type { Incident } from '../incidents/incident.ts';
import type { AcousticSensor, ArrivalsInput, Gunshot, GunshotStore, SensorInput, VendorShot } from './gunshot.ts';
import { createArrivalPool } from './arrival-pool.ts';

export type GunshotsService = ReturnType<typeof createGunshotsService>;

/** One impulse's outcome: a located shot and its incident, or the core's refusal. */
export type ImpulseOutcome =
  | { located: true; incident: Incident; fix: ShotFix }
  | { located: false; sensors: string[]; error: { id: string; message: string } };

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

export interface GunshotsServiceDeps {
  store: GunshotStore;
  incidents: IncidentsService;
  clock: () => Date;
  /** Runs the pool's flush later (default: an unref'd setTimeout); tests call `flushPending` themselves. */
  schedule?: (fn: () => void, ms: number) => void;
}

const STREAM_ACTOR = 'system:acoustic-sensors';

/** Gunshot detection: sensors, TDOA localisation of grouped arrivals (core `locateShot`), vendor events; each shot opens an incident. */
export function createGunshotsService({ store, incidents, clock, schedule = (fn, ms) => void setTimeout(fn, ms).unref() }: GunshotsServiceDeps) {
  const pool = createArrivalPool();
  const recentOutcomes: ImpulseOutcome[] = [];
  let scheduledFor: number | null = null;
  async function openIncident(actor: string, shot: Omit<Gunshot, 'id' | 'incidentId' | 'createdAt'>, externalId: string, type: string, notes: string, address?: string) {
    const { incident, created } = await incidents.create(actor, 'gunshot', { externalId, type, priority: 1, occurredAt: shot.emittedAt, lat: shot.lat, lon: shot.lon, address, callerNotes: notes });
    if (created) await store.insertShot({ ...shot, id: newId(clock().getTime()), incidentId: incident.id, createdAt: clock().toISOString() });
    return incident;
  }

  async function locateOne(actor: string, group: ArrivalReport[], temperatureC: number | undefined): Promise<ImpulseOutcome> {
    try {
      const fix = locateShot(group, { temperatureC });
      const key = group.map((r) => `${r.sensorId}@${r.arrivalMs}`).sort().join(',');
      const notes = `Acoustic fix from ${fix.sensors} sensors, ±${round(fix.uncertaintyM)} m (95 %), residual ${round(fix.residualRmsMs, 2)} ms${fix.alternative ? '; another position fits nearly as well' : ''}${fix.rejectedSensorIds.length ? `; left out ${fix.rejectedSensorIds.join(', ')}` : ''}.`;
      const incident = await openIncident(actor, {
        source: 'acoustic', lat: fix.lat, lon: fix.lon, uncertaintyM: fix.uncertaintyM, emittedAt: new Date(fix.emittedMs).toISOString(), sensors: fix.sensors,
        details: { residualRmsMs: fix.residualRmsMs, speedOfSoundMps: fix.speedOfSoundMps, alternative: fix.alternative, rejectedSensorIds: fix.rejectedSensorIds, reports: group.map((r) => ({ sensorId: r.sensorId, arrivalMs: r.arrivalMs })) },
      }, `acoustic:${sha256Hex(key).slice(0, 32)}`, 'Shots fired (acoustic)', notes);
      return { located: true, incident, fix };
    } catch (e) {
      if (!isDomainError(e)) throw e;
      return { located: false, sensors: group.map((r) => r.sensorId), error: { id: e.id, message: e.message } };
    }
  }

  /** The reports with their sensors' positions and clock quality; unknown sensors are refused. */
  async function toReports(input: Pick<ArrivalsInput, 'reports'>): Promise<ArrivalReport[]> {
    const ids = [...new Set(input.reports.map((r) => r.sensorId))];
    const sensors = new Map((await store.findSensors(ids)).map((s) => [s.id, s]));
    const unknown = ids.filter((id) => !sensors.has(id));
    if (unknown.length) throw invalid('sensor_unknown', `No acoustic sensor with id ${unknown.join(', ')} is registered.`, { sensorIds: unknown });
    return input.reports.map((r) => {
      const s = sensors.get(r.sensorId)!;
      return { sensorId: s.id, lat: s.lat, lon: s.lon, clockSigmaMs: s.clockSigmaMs, confidence: r.confidence, arrivalMs: r.arrivalMs ?? Date.parse(r.arrivalTime!) };
    });
  }

  return {
    async addSensor(input: SensorInput): Promise<AcousticSensor> {
      const now = clock().toISOString();
      const s: AcousticSensor = { id: newId(clock().getTime()), ...input, createdAt: now, updatedAt: now };
      await store.insertSensor(s);
      return s;
    },
    listSensors: () => store.listSensors(),
    deleteSensor: (id: string) => store.deleteSensor(id),
    listShots: (limit: number) => store.listShots(limit),

    /**
     * Groups arrivals into impulses and locates each. When nothing could be located, the core's refusal is thrown
     * (`gunshot_too_few_sensors`, `gunshot_geometry_degenerate`) so the caller sees why; otherwise refusals are listed beside the shots.
     */
    async reportArrivals(actor: string, input: ArrivalsInput): Promise<ImpulseOutcome[]> {
      const reports = await toReports(input);
      const outcomes: ImpulseOutcome[] = [];
      for (const group of groupImpulseReports(reports)) outcomes.push(await locateOne(actor, group, input.temperatureC));
      const first = outcomes[0];
      if (first && outcomes.every((o) => !o.located) && !first.located) throw invalid(first.error.id, first.error.message, { sensors: first.sensors, impulses: outcomes.length });
      return outcomes;
    },

    /**
     * Reports that sensors send one at a time: pooled until their impulse's window has closed (a few seconds), then
     * located together; the flush runs on a timer. Answers how many reports are waiting.
     */
    async streamArrivals(input: Pick<ArrivalsInput, 'reports'>): Promise<{ pending: number }> {
      pool.add(await toReports(input));
      const due = pool.nextDeadline();
      if (due !== null && (scheduledFor === null || due < scheduledFor)) {
        scheduledFor = due;
        schedule(() => {
          scheduledFor = null;
          void this.flushPending();
        }, Math.max(0, due - clock().getTime()));
      }
      return { pending: pool.size };
    },

    /** Locates every pooled impulse whose window has closed (refusals are kept in `recent`); re-arms the timer for the rest. */
    async flushPending(): Promise<ImpulseOutcome[]> {
      const outcomes: ImpulseOutcome[] = [];
      for (const group of pool.takeSettled(clock().getTime())) outcomes.push(await locateOne(STREAM_ACTOR, group, undefined));
      recentOutcomes.unshift(...outcomes);
      recentOutcomes.length = Math.min(recentOutcomes.length, 20);
      if (pool.size) await this.streamArrivals({ reports: [] });
      return outcomes;
    },

    /** What the sensor stream is doing: reports waiting, and the latest outcomes (shots and refusals). */
    streamState: () => ({ pending: pool.size, recent: recentOutcomes.map((o) => (o.located ? { located: true, incidentId: o.incident.id, sensors: o.fix.sensors } : o)) }),

    /** A vendor shot with its own location; idempotent on the vendor's id. */
    async reportVendorShot(actor: string, v: VendorShot): Promise<Incident> {
      const notes = `${v.vendor} ${v.type}${v.rounds !== undefined ? `, ${v.rounds} round(s)` : ''} (vendor id ${v.id}).`;
      return openIncident(actor, { source: 'vendor', lat: v.latitude, lon: v.longitude, uncertaintyM: null, emittedAt: new Date(v.datetime).toISOString(), sensors: 0, details: { vendor: v.vendor, vendorId: v.id, type: v.type, rounds: v.rounds ?? null } },
        `${v.vendor}:${v.id}`, `Shots fired (${v.vendor})`, notes, v.address);
    },
  };
}
