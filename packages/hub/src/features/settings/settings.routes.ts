import type { FastifyInstance } from 'fastify';

/** What the dashboard may know before sign-in. */
export interface PublicSettings {
  networkName: string;
  mapTileUrl: string | null;
  maxRetentionDays: number;
  offenceCategories: string[];
}

/** Network settings the dashboard reads. */
export function registerSettingsRoutes(app: FastifyInstance, { settings }: { settings: PublicSettings }): void {
  app.get('/api/v1/config/public', { schema: { tags: ['settings'], summary: 'Public network settings' }, config: { access: { public: true } } }, async () => settings);
}
