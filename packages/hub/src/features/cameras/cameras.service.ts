import { cameraInputSchema, forbidden, initialCameraStatus, invalid, newId, notFound } from '@camnet/core';
import type { CameraHealth, CameraInput, CameraPatch, PictureCheck } from '@camnet/core';
import type { EventBus } from '../../events/event-bus.ts';
import type { Principal } from '../../http/principal.ts';
import { seesWholeNetwork } from '../../http/scope.ts';
import type { SiteStore } from '../sites/site.store.ts';
import type { Camera } from './camera.ts';
import type { CameraFilter, CameraStore } from './camera.store.ts';
import type { SecretBox } from './secret-box.ts';

export interface CamerasServiceDeps {
  cameras: CameraStore;
  sites: SiteStore;
  secrets: SecretBox;
  bus: EventBus;
  clock: () => Date;
  maxRetentionDays: number;
}

export type CamerasService = ReturnType<typeof createCamerasService>;

/** The camera registry: validation, ownership, attestation and sharing. */
export function createCamerasService({ cameras, sites, secrets, bus, clock, maxRetentionDays }: CamerasServiceDeps) {
  const visible = (viewer: Principal, c: Camera | null): c is Camera => !!c && (seesWholeNetwork(viewer) || c.memberId === viewer.memberId);

  function checkPolicy(input: Pick<CameraInput, 'retentionDays'>): void {
    if (input.retentionDays > maxRetentionDays) {
      throw invalid('retention_above_maximum', `Retention is ${input.retentionDays} days; this network keeps video at most ${maxRetentionDays} days.`, { path: 'retentionDays', max: maxRetentionDays });
    }
  }

  /** Builds a new camera from validated input; shared by create and import. */
  async function build(viewer: Principal, input: CameraInput, siteCache = new Map<string, Awaited<ReturnType<SiteStore['findById']>>>()): Promise<Camera> {
    checkPolicy(input);
    if (!siteCache.has(input.siteId)) siteCache.set(input.siteId, await sites.findById(input.siteId));
    const site = siteCache.get(input.siteId);
    if (!site || (!seesWholeNetwork(viewer) && site.memberId !== viewer.memberId)) throw invalid('site_not_found', `No site with id ${input.siteId} that you can add cameras to.`, { path: 'siteId' });
    const now = clock();
    const { streamUrl, ...fields } = input;
    return {
      ...fields, id: newId(now.getTime()), memberId: site.memberId, edgeId: null,
      streamUrlSealed: streamUrl ? secrets.seal(streamUrl) : null,
      status: initialCameraStatus(input.publicViewAttested), lastFrameAt: null, pictureCheck: null,
      createdAt: now.toISOString(), updatedAt: now.toISOString(),
    };
  }

  return {
    async create(viewer: Principal, input: CameraInput): Promise<Camera> {
      const camera = await build(viewer, input);
      await cameras.insert(camera);
      await bus.publish('camera.changed', { cameraId: camera.id, memberId: camera.memberId });
      return camera;
    },

    /** Validates every row first; inserts all in one transaction or none. Returns per-row problems. */
    async importMany(viewer: Principal, rows: { line: number; input: unknown }[], dryRun: boolean) {
      const errors: { line: number; id: string; message: string }[] = [];
      const built: Camera[] = [];
      const siteCache = new Map();
      for (const row of rows) {
        const parsed = cameraInputSchema.safeParse(row.input);
        if (!parsed.success) {
          const i = parsed.error.issues[0]!;
          errors.push({ line: row.line, id: 'validation_failed', message: `${i.path.join('.')}: ${i.message}` });
          continue;
        }
        try {
          built.push(await build(viewer, parsed.data, siteCache));
        } catch (e) {
          const err = e as { id?: string; message: string };
          errors.push({ line: row.line, id: err.id ?? 'invalid', message: err.message });
        }
      }
      if (errors.length === 0 && !dryRun && built.length > 0) {
        await cameras.insertMany(built);
        for (const c of built) await bus.publish('camera.changed', { cameraId: c.id, memberId: c.memberId });
      }
      return { rows: rows.length, imported: errors.length === 0 && !dryRun ? built.length : 0, errors };
    },

    async get(viewer: Principal, id: string): Promise<Camera> {
      const c = await cameras.findById(id);
      if (!visible(viewer, c)) throw notFound('camera_not_found', `No camera with id ${id}.`);
      return c;
    },

    async list(viewer: Principal, q: CameraFilter & { cursor?: string; limit: number }) {
      const filter = { ...q, memberId: seesWholeNetwork(viewer) ? q.memberId : viewer.memberId };
      const rows = await cameras.list(filter, { afterId: q.cursor, limit: q.limit + 1 });
      const items = rows.slice(0, q.limit);
      return { items, nextCursor: rows.length > q.limit ? items[items.length - 1]!.id : null };
    },

    /** Every camera the viewer may see (for exports), in pages of 1,000. */
    async all(viewer: Principal): Promise<Camera[]> {
      const out: Camera[] = [];
      let cursor: string | undefined;
      do {
        const page = await this.list(viewer, { cursor, limit: 1000 });
        out.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return out;
    },

    mapRows(viewer: Principal) {
      return cameras.mapRows({ memberId: seesWholeNetwork(viewer) ? undefined : viewer.memberId });
    },

    /** Changes fields; changing the site is not allowed (delete and re-add). */
    async update(viewer: Principal, id: string, patch: CameraPatch): Promise<{ before: Camera; after: Camera }> {
      const before = await this.get(viewer, id);
      if (!seesWholeNetwork(viewer) && viewer.role !== 'owner' && viewer.role !== 'installer') throw forbidden('role_not_allowed', 'You cannot change cameras.');
      if (patch.retentionDays !== undefined) checkPolicy({ retentionDays: patch.retentionDays });
      const { streamUrl, publicViewAttested, ...fields } = patch;
      const changes: Partial<Camera> = { ...fields, updatedAt: clock().toISOString() };
      if (streamUrl !== undefined) changes.streamUrlSealed = streamUrl ? secrets.seal(streamUrl) : null;
      if (publicViewAttested !== undefined) {
        changes.publicViewAttested = publicViewAttested;
        if (!publicViewAttested) changes.status = 'pending_attestation';
        else if (before.status === 'pending_attestation') changes.status = 'offline';
      }
      await cameras.update(id, changes);
      const after = await this.get(viewer, id);
      await bus.publish('camera.changed', { cameraId: id, memberId: after.memberId });
      return { before, after };
    },

    /** The owner's statement that the camera views only public space; until then it is not active. */
    async attest(viewer: Principal, id: string): Promise<Camera> {
      const c = await this.get(viewer, id);
      if (viewer.role !== 'admin' && c.memberId !== viewer.memberId) throw forbidden('not_camera_owner', 'Only the camera’s owner can attest what it views.');
      return (await this.update(viewer, id, { publicViewAttested: true })).after;
    },

    async remove(viewer: Principal, id: string): Promise<Camera> {
      const c = await this.get(viewer, id);
      await cameras.delete(id);
      await bus.publish('camera.removed', { cameraId: id, memberId: c.memberId });
      return c;
    },

    /**
     * The cameras an edge serves: those assigned to it, those at its site with no assignment, and for the embedded
     * edge those at sites without an edge of their own. Disabled and unattested cameras are not recorded.
     */
    async servedBy(edge: ServingEdge, sitesWithEdges: Set<string>): Promise<Camera[]> {
      const all = await cameras.list({}, { limit: 1_000_000 });
      return all.filter((c) => serves(edge, c, sitesWithEdges));
    },

    /**
     * Applies an edge's report of its cameras' health: online or offline, the last frame, and what its vision says of
     * the picture (kept as last reported, with the time); publishes a change when a camera goes online or offline or
     * its picture warning comes or goes.
     */
    async recordHealth(from: { edge: ServingEdge; sitesWithEdges: Set<string> }, reports: Pick<CameraHealth, 'cameraId' | 'online' | 'lastFrameAt' | 'picture'>[]): Promise<void> {
      for (const r of reports) {
        const c = await cameras.findById(r.cameraId);
        // Only the edge that serves a camera speaks for it (not a stale or misconfigured one elsewhere).
        if (!c || !serves(from.edge, c, from.sitesWithEdges)) continue;
        const status = r.online ? 'online' : 'offline';
        const picture = r.picture && !samePicture(r.picture, c.pictureCheck) ? { ...r.picture, at: clock().toISOString() } : null;
        if (status === c.status && r.lastFrameAt === c.lastFrameAt && !picture) continue;
        await cameras.update(c.id, { status, lastFrameAt: r.lastFrameAt ?? c.lastFrameAt, ...(picture ? { pictureCheck: picture } : {}) });
        const warningMoved = picture !== null && picture.warning !== (c.pictureCheck?.warning ?? null);
        if (status !== c.status || warningMoved) await bus.publish('camera.changed', { cameraId: c.id, memberId: c.memberId });
      }
    },

    /** The stream URL in clear, for the edge that records the camera. */
    streamUrlOf(c: Camera): string | null {
      return c.streamUrlSealed ? secrets.open(c.streamUrlSealed) : null;
    },
  };
}

/** What decides which cameras an edge serves. */
export interface ServingEdge { id: string; siteId: string | null; embedded: boolean }

/**
 * Whether the edge serves the camera: assigned to it, or at its site with no assignment, or, for the embedded edge (no
 * local camera config), at a site without an edge of its own with a stream URL the hub holds. Disabled and unattested
 * cameras are served by none.
 */
const serves = (edge: ServingEdge, c: Camera, sitesWithEdges: Set<string>): boolean =>
  c.publicViewAttested && c.status !== 'disabled' && (
    c.edgeId === edge.id || (c.edgeId === null && (c.siteId === edge.siteId || (edge.embedded && c.streamUrlSealed !== null && !sitesWithEdges.has(c.siteId)))));

/** Whether a reported picture check says what the stored one says. */
const samePicture = (p: PictureCheck, stored: Camera['pictureCheck']): boolean =>
  stored !== null && p.warning === stored.warning && p.platesChecked === stored.platesChecked && p.platesClipped === stored.platesClipped;
