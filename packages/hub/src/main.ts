import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { createHubApp } from './app.ts';
import type { HubConfig } from './config.ts';
import { createInProcessEventBus } from './adapters/bus/in-process-event-bus.ts';
import { connectNatsEventBus } from './adapters/bus/nats-event-bus.ts';
import type { EventBus } from './events/event-bus.ts';
import { createAesGcmSecretBox, loadOrCreateKey } from './adapters/crypto/aes-gcm-secret-box.ts';
import { createScryptPasswordHasher } from './adapters/crypto/scrypt-password-hasher.ts';
import { migrateToLatest, openDatabase, pingDatabase } from './adapters/db/database.ts';
import type { HubDatabase } from './adapters/db/database.ts';
import { createKyselyAuditStore } from './adapters/db/stores/kysely-audit-store.ts';
import { createKyselyCameraStore } from './adapters/db/stores/kysely-camera-store.ts';
import { createKyselyVehicleEventStore } from './adapters/db/stores/kysely-vehicle-event-store.ts';
import { createVehicleEventsService } from './features/vehicle-events/vehicle-events.service.ts';
import { createSearchService } from './features/search/search.service.ts';
import { createRegistryPlaceDirectory } from './features/search/registry-places.ts';
import { createKyselyEdgeStore } from './adapters/db/stores/kysely-edge-store.ts';
import { createKyselyMemberStore } from './adapters/db/stores/kysely-member-store.ts';
import { createKyselySessionStore, createKyselySetupTokenStore } from './adapters/db/stores/kysely-session-store.ts';
import { createKyselySiteStore } from './adapters/db/stores/kysely-site-store.ts';
import { createKyselyTokenStore } from './adapters/db/stores/kysely-token-store.ts';
import { createKyselyUserStore } from './adapters/db/stores/kysely-user-store.ts';
import { createAuditService } from './features/audit/audit.service.ts';
import { createAuthService } from './features/auth/auth.service.ts';
import { createCamerasService } from './features/cameras/cameras.service.ts';
import { createEdgesService } from './features/edges/edges.service.ts';
import { createMembersService } from './features/members/members.service.ts';
import { createSitesService } from './features/sites/sites.service.ts';
import { createTokensService } from './features/tokens/tokens.service.ts';
import { createUsersService } from './features/users/users.service.ts';
import { seedDemoNetwork, seedDemoTraffic } from './features/demo/demo-seed.ts';
import { createFilesystemBlobStore } from './adapters/blob/filesystem-blob-store.ts';
import { createKyselyClipStore } from './adapters/db/stores/kysely-clip-store.ts';
import { createClipsService } from './features/clips/clips.service.ts';
import { createEdgeConnections } from './features/edges/edge-connections.ts';
import type { EdgeBatchSink } from './features/edges/edge-link.routes.ts';
import { createOutboxRouter } from './features/edges/outbox-router.ts';
import { createKyselyRecordingStore } from './adapters/db/stores/kysely-recording-store.ts';
import { recordingDeletedSchema, recordingGapSchema, vehicleEventSchema } from '@camnet/core';
import type { DemoCredential } from './features/demo/demo-seed.ts';
import { createPreRollClipRequester } from './features/clips/pre-roll-clip-requester.ts';
import { createKyselyBoloStore } from './adapters/db/stores/kysely-bolo-store.ts';
import { createKyselyGeocodingStore } from './adapters/db/stores/kysely-geocoding-store.ts';
import { createKyselyGunshotStore } from './adapters/db/stores/kysely-gunshot-store.ts';
import { createKyselyIncidentStore } from './adapters/db/stores/kysely-incident-store.ts';
import { createBolosService } from './features/bolos/bolos.service.ts';
import { seedDemoAddresses } from './features/geocoding/demo-addresses.ts';
import { createGeocodingService } from './features/geocoding/geocoding.service.ts';
import { createGunshotsService } from './features/gunshots/gunshots.service.ts';
import { createIncidentsService } from './features/incidents/incidents.service.ts';
import { createNearestService } from './features/nearest/nearest.service.ts';

const here = dirname(fileURLToPath(import.meta.url));

/** The hub package's version (from its package.json). */
export const HUB_VERSION: string = JSON.parse(readFileSync(join(here, '../package.json'), 'utf8')).version;

/** Opens the configured database and brings its schema up to date. */
export async function openHubDatabase(config: HubConfig, opts: { searchPath?: string } = {}): Promise<HubDatabase> {
  const database = openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, searchPath: opts.searchPath, cacheMiB: config.sqliteCacheMiB });
  await migrateToLatest(database.db);
  return database;
}

/** Builds every store and service on one database: the only place that names concrete technologies. */
export interface ComposeOptions {
  clock?: () => Date;
  bus?: EventBus;
  /** Where problems nobody awaits (a dropped outbox item) are reported. */
  reportProblem?: (message: string, details: Record<string, unknown>) => void;
}

export function composeHub(config: HubConfig, database: HubDatabase, opts: ComposeOptions = {}) {
  const clock = opts.clock ?? (() => new Date());
  const bus = opts.bus ?? createInProcessEventBus();
  const reportProblem = opts.reportProblem ?? ((message: string, details: Record<string, unknown>) => console.warn(message, details));
  const hasher = createScryptPasswordHasher();
  const secrets = createAesGcmSecretBox(loadOrCreateKey(config.secretKey, join(config.dataDir, 'secret.key')));
  const stores = {
    users: createKyselyUserStore(database),
    members: createKyselyMemberStore(database),
    sessions: createKyselySessionStore(database),
    setupTokens: createKyselySetupTokenStore(database),
    tokens: createKyselyTokenStore(database),
    sites: createKyselySiteStore(database),
    edges: createKyselyEdgeStore(database),
    cameras: createKyselyCameraStore(database),
    vehicleEvents: createKyselyVehicleEventStore(database),
    audit: createKyselyAuditStore(database),
    clips: createKyselyClipStore(database),
  };
  const blobs = createFilesystemBlobStore(join(config.dataDir, 'blobs'));
  const connections = createEdgeConnections();
  const services = {
    audit: createAuditService({ store: stores.audit, clock }),
    auth: createAuthService({
      users: stores.users, members: stores.members, sessions: stores.sessions, setupTokens: stores.setupTokens, hasher, clock,
      policy: { ...config.session, ...config.login, mfaRequiredRoles: config.mfaRequiredRoles, issuer: config.networkName },
    }),
    users: createUsersService({ users: stores.users, members: stores.members, hasher, clock }),
    members: createMembersService({ members: stores.members, clock }),
    sites: createSitesService({ sites: stores.sites, members: stores.members, clock }),
    cameras: createCamerasService({ cameras: stores.cameras, sites: stores.sites, secrets, bus, clock, maxRetentionDays: config.maxRetentionDays }),
    edges: createEdgesService({ edges: stores.edges, sites: stores.sites, bus, clock }),
    tokens: createTokensService({ tokens: stores.tokens, users: stores.users, clock }),
  };
  const clips = createClipsService({ clips: stores.clips, blobs, cameras: services.cameras, edges: services.edges, connections, clock });
  // The real-time crime centre (issue 6); pre-roll clips come from the edges through the clips service.
  const geocoding = createGeocodingService({ store: createKyselyGeocodingStore(database) });
  const nearest = createNearestService({ cameras: stores.cameras, bus });
  const incidents = createIncidentsService({ store: createKyselyIncidentStore(database), nearest, geocoding, clips: createPreRollClipRequester(clips), bus, clock });
  const rtcc = {
    geocoding, nearest, incidents,
    bolos: createBolosService({ store: createKyselyBoloStore(database), incidents, bus, clock }),
    gunshots: createGunshotsService({ store: createKyselyGunshotStore(database), incidents, clock }),
  };
  // Vehicle events and search (issue 5).
  const vehicleEvents = createVehicleEventsService({ store: stores.vehicleEvents, clock });
  const search = createSearchService({
    events: stores.vehicleEvents, offenceCategories: config.offenceCategories, clock,
    places: createRegistryPlaceDirectory({ cameras: stores.cameras, sites: stores.sites, geocode: (text) => rtcc.geocoding.geocode(text) }),
  });
  const recordings = createKyselyRecordingStore(database);
  const ingest: EdgeBatchSink = createOutboxRouter({
    vehicle_event: { schema: vehicleEventSchema, store: (edgeId, events) => vehicleEvents.ingestBatch(edgeId, events) },
    'recording.gap': { schema: recordingGapSchema, store: (edgeId, gaps) => recordings.upsertGaps(edgeId, gaps) },
    'recording.deleted': { schema: recordingDeletedSchema, store: (edgeId, receipts) => recordings.insertReceipts(edgeId, receipts) },
  }, (problem) => reportProblem('edge outbox item rejected', problem));
  return { bus, stores, services: { ...services, clips, ...rtcc, vehicleEvents, search }, recordings, edgeLink: { connections, ingest } };
}

export type ComposedHub = ReturnType<typeof composeHub>;

/** A running hub: its URL, the set-up link on first start, and a clean shutdown. */
export interface RunningHub {
  url: string;
  setupUrl: string | null;
  /** Set when `demo` seeded a fresh data dir: one account per role. */
  demoCredentials: DemoCredential[] | null;
  hub: ComposedHub;
  close(): Promise<void>;
}

/** Starts the hub on its configured port: database, migrations, services, HTTP, background sweeps. */
export async function startHub(config: HubConfig, opts: { quiet?: boolean; demo?: boolean; demoTraffic?: boolean } = {}): Promise<RunningHub> {
  const logger = pino({ level: opts.quiet ? 'silent' : config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] });
  const database = await openHubDatabase(config);
  const bus = config.natsUrl
    ? await connectNatsEventBus({ url: config.natsUrl, onError: (err, topic) => logger.error({ err, topic }, 'event handler failed') })
    : createInProcessEventBus((err, topic) => logger.error({ err, topic }, 'event handler failed'));
  const hub = composeHub(config, database, { bus, reportProblem: (message, details) => logger.warn(details, message) });
  const { services, stores } = hub;
  const demo = opts.demo && (await services.auth.needsSetup())
    ? await seedDemoNetwork({ members: services.members, sites: services.sites, cameras: services.cameras, cameraStore: stores.cameras, users: services.users })
    : null;
  if (demo) {
    await seedDemoAddresses(services.geocoding);
    // Traffic is seeded in the background: the map is usable at once, search fills within seconds.
    if (opts.demoTraffic !== false) void seedDemoTraffic(services.vehicleEvents, demo.eventCameras)
      .then((events) => logger.info({ events }, 'demo traffic seeded'), (err) => logger.error({ err }, 'demo traffic failed'));
  }
  const demoCredentials = demo?.credentials ?? null;
  await services.nearest.warm();
  const app = await createHubApp({
    services: hub.services,
    edgeLink: hub.edgeLink,
    recordings: hub.recordings,
    bus: hub.bus,
    ready: () => pingDatabase(database.db),
    settings: { networkName: config.networkName, mapTileUrl: config.mapTileUrl, maxRetentionDays: config.maxRetentionDays, offenceCategories: config.offenceCategories },
    version: HUB_VERSION,
    cookie: { secure: config.secureCookies, maxAgeSeconds: config.session.absoluteHours * 3600 },
    loginPerMinute: config.login.perMinutePerIp,
    webDir: config.webDir ?? join(here, '../../web/dist'),
    logger,
  });
  await app.listen({ host: config.host, port: config.port });
  // The database read into SQLite's page cache in the background, once serving (docs/adr/0008-sqlite-page-cache-prewarm.md).
  const prewarm = config.sqlitePrewarm ? database.startPrewarm() : null;
  void prewarm?.done.then((s) => {
    const fields = { state: s.state, pages: Math.round(s.pages), budgetPages: s.budgetPages, seconds: s.ms / 1000, longestSliceMs: Math.round(s.maxSliceMs), error: s.error };
    if (s.state === 'failed') logger.warn(fields, 'database cache prewarm failed');
    else logger.info(fields, 'database cache prewarmed');
  });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.publicUrl ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  const setupToken = await hub.services.auth.issueSetupTokenIfEmpty();
  const sweep = setInterval(() => void hub.services.edges.sweepStale().catch((err) => logger.error({ err }, 'edge sweep failed')), 15_000);
  sweep.unref();
  return {
    url,
    setupUrl: setupToken ? `${url}/setup?token=${setupToken}` : null,
    demoCredentials,
    hub,
    async close() {
      clearInterval(sweep);
      await app.close();
      await hub.bus.close();
      await database.close();
    },
  };
}
