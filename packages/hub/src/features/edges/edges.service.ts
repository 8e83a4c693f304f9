import { forbidden, newId, newSecret, notFound, sha256Hex, unauthenticated } from '@camnet/core';
import type { EventBus } from '../../events/event-bus.ts';
import type { Principal } from '../../http/principal.ts';
import { seesWholeNetwork } from '../../http/scope.ts';
import type { SiteStore } from '../sites/site.store.ts';
import type { Edge, EdgeStore } from './edge.store.ts';

export interface EdgesServiceDeps {
  edges: EdgeStore;
  sites: SiteStore;
  bus: EventBus;
  clock: () => Date;
}

/** An edge is marked offline after this long without a heartbeat. */
export const EDGE_OFFLINE_AFTER_MS = 60_000;

export function presentEdge(e: Edge) {
  const { enrolmentHash: _e, credentialHash: _c, ...rest } = e;
  return rest;
}

export type EdgesService = ReturnType<typeof createEdgesService>;

/** Edge registry: one-time enrolment tokens, credentials, health. */
export function createEdgesService({ edges, sites, bus, clock }: EdgesServiceDeps) {
  async function siteFor(viewer: Principal, siteId: string) {
    const site = await sites.findById(siteId);
    if (!site || (!seesWholeNetwork(viewer) && site.memberId !== viewer.memberId)) throw notFound('site_not_found', `No site with id ${siteId}.`);
    return site;
  }

  return {
    /** Registers an edge and returns its one-time enrolment token (shown once). */
    async create(viewer: Principal, input: { siteId: string; name: string }): Promise<{ edge: Edge; enrolmentToken: string }> {
      await siteFor(viewer, input.siteId);
      const token = `enrol_${newSecret(24)}`;
      const edge: Edge = {
        id: newId(clock().getTime()), siteId: input.siteId, embedded: false, name: input.name, enrolmentHash: sha256Hex(token), credentialHash: null,
        status: 'pending', version: null, lastSeenAt: null, diskUsedBytes: null, clockOffsetMs: null, createdAt: clock().toISOString(),
      };
      await edges.insert(edge);
      return { edge, enrolmentToken: token };
    },

    async list(viewer: Principal): Promise<Edge[]> {
      if (seesWholeNetwork(viewer)) return edges.list({});
      const own = await sites.list({ memberId: viewer.memberId }, { limit: 10_000 });
      return edges.list({ siteIds: own.map((s) => s.id) });
    },

    /**
     * The embedded edge of `camnet up` (created on first use). With `issueToken` (its data dir has no credential
     * yet) it also gets a one-time enrolment token, so it enrols like any other edge.
     */
    async ensureEmbedded(opts: { issueToken: boolean }): Promise<{ edgeId: string; enrolmentToken: string | null }> {
      let edge = await edges.findEmbedded();
      if (!edge) {
        edge = {
          id: newId(clock().getTime()), siteId: null, embedded: true, name: 'This machine (local edge)', enrolmentHash: null, credentialHash: null,
          status: 'pending', version: null, lastSeenAt: null, diskUsedBytes: null, clockOffsetMs: null, createdAt: clock().toISOString(),
        };
        await edges.insert(edge);
      }
      if (!opts.issueToken) return { edgeId: edge.id, enrolmentToken: null };
      const token = `enrol_${newSecret(24)}`;
      await edges.update(edge.id, { enrolmentHash: sha256Hex(token) });
      return { edgeId: edge.id, enrolmentToken: token };
    },

    /** The edge that records a camera: its assigned edge, else its site's edge, else the embedded edge. */
    async serving(c: { edgeId: string | null; siteId: string }): Promise<Edge | null> {
      if (c.edgeId) return edges.findById(c.edgeId);
      const atSite = await edges.list({ siteIds: [c.siteId] });
      if (atSite.length) return atSite.find((e) => e.status === 'online') ?? atSite[0]!;
      return edges.findEmbedded();
    },

    /** Every edge (for internal fan-out; not for people: see `list`). */
    all(): Promise<Edge[]> {
      return edges.list({});
    },

    get(id: string): Promise<Edge | null> {
      return edges.findById(id);
    },

    /** Site ids that have an edge of their own (cameras there are not served by the embedded edge). */
    async sitesWithEdges(): Promise<Set<string>> {
      return new Set((await edges.list({})).map((e) => e.siteId).filter((s): s is string => s !== null));
    },

    /** Trades a one-time enrolment token for a long-lived credential; the token cannot be used again. */
    async enrol(token: string): Promise<{ edgeId: string; credential: string }> {
      const edge = await edges.findByEnrolmentHash(sha256Hex(token));
      if (!edge) throw forbidden('enrolment_token_invalid', 'This enrolment token is unknown or was already used. Create a new one on the hub.');
      const credential = `edge_${newSecret(32)}`;
      await edges.update(edge.id, { enrolmentHash: null, credentialHash: sha256Hex(credential), status: 'offline' });
      return { edgeId: edge.id, credential };
    },

    /** The edge for a bearer credential, or an error. */
    async authenticate(credential: string): Promise<Edge> {
      const edge = await edges.findByCredentialHash(sha256Hex(credential));
      if (!edge) throw unauthenticated('edge_credential_invalid', 'Unknown edge credential: enrol the edge again.');
      return edge;
    },

    /** Records a hello or heartbeat. */
    async heartbeat(edgeId: string, h: { version?: string; diskUsedBytes?: number; clockOffsetMs?: number }): Promise<void> {
      const before = await edges.findById(edgeId);
      await edges.update(edgeId, { status: 'online', lastSeenAt: clock().toISOString(), ...h });
      // Every heartbeat is news to a dashboard (last seen, disk, clock offset), not only online/offline.
      if (before) await bus.publish('edge.changed', { edgeId, siteId: before.siteId });
    },

    async disconnected(edgeId: string): Promise<void> {
      const e = await edges.findById(edgeId);
      if (!e) return;
      await edges.update(edgeId, { status: 'offline' });
      await bus.publish('edge.changed', { edgeId, siteId: e.siteId });
    },

    /** Marks edges offline that missed heartbeats for a minute; run periodically. */
    async sweepStale(): Promise<number> {
      const stale = await edges.listStale(new Date(clock().getTime() - EDGE_OFFLINE_AFTER_MS).toISOString());
      for (const e of stale) await this.disconnected(e.id);
      return stale.length;
    },
  };
}
