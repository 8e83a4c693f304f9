import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';

export interface HealthRoutesDeps {
  ready: () => Promise<boolean>;
  metrics: Registry;
  version: string;
}

/** Liveness, readiness and Prometheus metrics. */
export function registerHealthRoutes(app: FastifyInstance, { ready, metrics, version }: HealthRoutesDeps): void {
  const tags = ['health'];
  app.get('/healthz', { schema: { tags, summary: 'Liveness' }, config: { access: { public: true } } }, async () => ({ status: 'ok', version }));
  app.get('/readyz', { schema: { tags, summary: 'Readiness (database reachable)' }, config: { access: { public: true } } }, async (_req, reply) => {
    const ok = await ready();
    return reply.status(ok ? 200 : 503).send(ok ? { status: 'ready' } : { error: { id: 'not_ready', message: 'The database is not reachable.' } });
  });
  app.get('/metrics', { schema: { tags, summary: 'Prometheus metrics', hide: true }, config: { access: { public: true } } }, async (_req, reply) => {
    reply.header('content-type', metrics.contentType);
    return metrics.metrics();
  });
}
