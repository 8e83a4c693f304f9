import { existsSync } from 'node:fs';
import { join } from 'node:path';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { newId } from '@camnet/core';
import type { EventBus } from './events/event-bus.ts';
import { createAccessGuard, registerAccessRules } from './http/access.ts';
import type { RouteRule } from './http/access.ts';
import { registerAuditHook } from './http/audit-hook.ts';
import { registerErrorHandler } from './http/error-handler.ts';
import type { AuditService } from './features/audit/audit.service.ts';
import { registerAuditRoutes } from './features/audit/audit.routes.ts';
import { registerAuthRoutes, resolvePrincipal } from './features/auth/auth.routes.ts';
import type { AuthService } from './features/auth/auth.service.ts';
import { registerCameraRoutes } from './features/cameras/cameras.routes.ts';
import { registerSearchRoutes } from './features/search/search.routes.ts';
import type { SearchService } from './features/search/search.service.ts';
import type { VehicleEventsService } from './features/vehicle-events/vehicle-events.service.ts';
import type { CamerasService } from './features/cameras/cameras.service.ts';
import { registerEdgeLinkRoutes } from './features/edges/edge-link.routes.ts';
import type { EdgeBatchSink } from './features/edges/edge-link.routes.ts';
import type { EdgeConnections } from './features/edges/edge-connections.ts';
import { registerClipRoutes } from './features/clips/clips.routes.ts';
import { registerRecordingRoutes } from './features/recordings/recordings.routes.ts';
import type { RecordingStore } from './features/recordings/recording.store.ts';
import type { ClipsService } from './features/clips/clips.service.ts';
import { registerEdgeRoutes } from './features/edges/edges.routes.ts';
import type { EdgesService } from './features/edges/edges.service.ts';
import { registerHealthRoutes } from './features/health/health.routes.ts';
import { registerLiveRoutes } from './features/live/live.routes.ts';
import { registerMemberRoutes } from './features/members/members.routes.ts';
import type { MembersService } from './features/members/members.service.ts';
import { registerSettingsRoutes } from './features/settings/settings.routes.ts';
import type { PublicSettings } from './features/settings/settings.routes.ts';
import { registerSiteRoutes } from './features/sites/sites.routes.ts';
import type { SitesService } from './features/sites/sites.service.ts';
import { registerTokenRoutes } from './features/tokens/tokens.routes.ts';
import type { TokensService } from './features/tokens/tokens.service.ts';
import { registerUserRoutes } from './features/users/users.routes.ts';
import type { UsersService } from './features/users/users.service.ts';
import { registerBoloRoutes } from './features/bolos/bolos.routes.ts';
import type { BolosService } from './features/bolos/bolos.service.ts';
import { registerGeocodingRoutes } from './features/geocoding/geocoding.routes.ts';
import type { GeocodingService } from './features/geocoding/geocoding.service.ts';
import { registerGunshotRoutes } from './features/gunshots/gunshots.routes.ts';
import type { GunshotsService } from './features/gunshots/gunshots.service.ts';
import { registerHotspotRoutes } from './features/hotspots/hotspots.routes.ts';
import { registerIncidentRoutes } from './features/incidents/incidents.routes.ts';
import type { IncidentsService } from './features/incidents/incidents.service.ts';
import { registerNearestRoutes } from './features/nearest/nearest.routes.ts';
import type { NearestService } from './features/nearest/nearest.service.ts';

/** Everything the HTTP app needs, already built; `main.ts` decides the technologies. */
export interface HubAppDeps {
  services: {
    auth: AuthService;
    users: UsersService;
    members: MembersService;
    sites: SitesService;
    cameras: CamerasService;
    edges: EdgesService;
    tokens: TokensService;
    audit: AuditService;
    vehicleEvents: VehicleEventsService;
    search: SearchService;
    clips: ClipsService;
    geocoding: GeocodingService;
    nearest: NearestService;
    incidents: IncidentsService;
    bolos: BolosService;
    gunshots: GunshotsService;
  };
  /** Edges connected to this instance, and where their event batches go. */
  edgeLink: { connections: EdgeConnections; ingest: EdgeBatchSink };
  recordings: RecordingStore;
  bus: EventBus;
  ready: () => Promise<boolean>;
  settings: PublicSettings;
  version: string;
  cookie: { secure: boolean; maxAgeSeconds: number };
  loginPerMinute: number;
  webDir?: string;
  logger?: FastifyBaseLogger;
}

/** The hub's HTTP app (no listen): tests call `app.inject()`. `app.routeRules` lists every route's access rule. */
export async function createHubApp(deps: HubAppDeps): Promise<FastifyInstance & { routeRules: RouteRule[] }> {
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    genReqId: (req) => String(req.headers['x-request-id'] ?? newId()).slice(0, 64),
    trustProxy: true,
    bodyLimit: 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  const routeRules: RouteRule[] = [];
  registerAccessRules(app, routeRules);
  const { services: s } = deps;

  // Compress JSON (the 40k-camera map form shrinks ~5x); never video or images, which are compressed already.
  await app.register(compress, { global: true, threshold: 2048, customTypes: /^(application\/(json|geo\+json)|text\/)/ });
  await app.register(cookie);
  // Security headers (CSP, frame, sniffing, referrer, HSTS behind TLS), built once: @fastify/helmet rebuilt the
  // middleware and re-parsed the CSP on every request (~2 % of a small API request's CPU).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...(deps.settings.mapTileUrl ? [new URL(deps.settings.mapTileUrl.replace(/[{}]/g, '')).origin] : [])],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        mediaSrc: ["'self'", 'blob:'],
        workerSrc: ["'self'", 'blob:'],
        upgradeInsecureRequests: null,
      },
    },
    hsts: deps.cookie.secure,
  });
  app.addHook('onRequest', (req, reply, done) => securityHeaders(req.raw, reply.raw, (err) => done(err as Error | undefined)));
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: { info: { title: 'camnet hub API', version: deps.version, description: 'Community camera network hub' } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  await app.register(websocket, { options: { maxPayload: 16 * 1024 * 1024 } });

  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics });
  const httpSeconds = new Histogram({ name: 'camnet_http_request_seconds', help: 'HTTP request duration', labelNames: ['method', 'route', 'status'], registers: [metrics], buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5] });
  app.addHook('onResponse', async (req, reply) => {
    httpSeconds.observe({ method: req.method, route: req.routeOptions.url ?? 'unknown', status: reply.statusCode }, reply.elapsedTime / 1000);
  });

  registerAuditHook(app, s.audit);
  app.decorateRequest('principal', null);
  app.decorateRequest('edgeId', null);
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    if (req.routeOptions.config?.access && 'edge' in req.routeOptions.config.access) return;
    req.principal = await resolvePrincipal({ auth: s.auth, resolveToken: s.tokens.resolve }, req.headers, req.cookies);
  });
  app.addHook('preValidation', createAccessGuard({ authenticateEdge: s.edges.authenticate }));

  registerHealthRoutes(app, { ready: deps.ready, metrics, version: deps.version });
  registerSettingsRoutes(app, { settings: deps.settings });
  registerAuthRoutes(app, { auth: s.auth, cookie: deps.cookie, networkName: deps.settings.networkName, loginPerMinute: deps.loginPerMinute });
  registerUserRoutes(app, { users: s.users });
  registerMemberRoutes(app, { members: s.members });
  registerSiteRoutes(app, { sites: s.sites });
  registerCameraRoutes(app, { cameras: s.cameras });
  registerSearchRoutes(app, { search: s.search });
  registerEdgeRoutes(app, { edges: s.edges, cameras: s.cameras });
  registerEdgeLinkRoutes(app, { edges: s.edges, cameras: s.cameras, bus: deps.bus, ...deps.edgeLink });
  registerClipRoutes(app, { clips: s.clips });
  registerRecordingRoutes(app, { recordings: deps.recordings, cameras: s.cameras });
  registerTokenRoutes(app, { tokens: s.tokens });
  registerAuditRoutes(app, { audit: s.audit });
  registerGeocodingRoutes(app, { geocoding: s.geocoding });
  registerNearestRoutes(app, { nearest: s.nearest, geocoding: s.geocoding });
  registerIncidentRoutes(app, { incidents: s.incidents });
  registerBoloRoutes(app, { bolos: s.bolos });
  registerGunshotRoutes(app, { gunshots: s.gunshots });
  registerHotspotRoutes(app, { incidents: s.incidents });
  registerLiveRoutes(app, { bus: deps.bus });
  await registerWeb(app, deps.webDir);

  await app.ready();
  const hubApp = app as unknown as FastifyInstance & { routeRules: RouteRule[] };
  hubApp.routeRules = routeRules;
  return hubApp;
}

/** Serves the built dashboard; unknown non-API paths get index.html so client-side routes work. */
async function registerWeb(app: FastifyInstance, webDir: string | undefined): Promise<void> {
  const dir = webDir && existsSync(join(webDir, 'index.html')) ? webDir : null;
  if (!dir) {
    app.get('/', { config: { access: { public: true } }, schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/html').send('<!doctype html><title>camnet</title><p>The dashboard is not built. Run <code>npm run build:web</code>. The API is at <a href="/api/docs">/api/docs</a>.</p>'));
    return;
  }
  await app.register(fastifyStatic, { root: dir, serve: false });
  app.get('/*', { config: { access: { public: true } }, schema: { hide: true } }, async (req, reply) => {
    const path = (req.params as { '*': string })['*'] ?? '';
    if (path.startsWith('api/')) return reply.status(404).send({ error: { id: 'route_not_found', message: `No such endpoint: ${req.method} /${path}` } });
    if (path && !path.includes('..') && existsSync(join(dir, path))) {
      return reply.sendFile(path, { maxAge: path.startsWith('assets/') ? 31_536_000_000 : 0, immutable: path.startsWith('assets/') });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
