import { loadHubConfig, openHubDatabase, composeHub } from '@camnet/hub';
import type { ComposedHub, HubConfig } from '@camnet/hub';

/** Opens a data dir's hub (config, database, services) for one CLI verb, and closes it after. */
export async function withHub<T>(opts: { dataDir?: string; databaseUrl?: string }, fn: (hub: ComposedHub, config: HubConfig) => Promise<T>): Promise<T> {
  const overrides: Record<string, unknown> = {};
  if (opts.dataDir) overrides.dataDir = opts.dataDir;
  if (opts.databaseUrl) overrides.databaseUrl = opts.databaseUrl;
  const config = loadHubConfig({ overrides });
  const database = await openHubDatabase(config);
  try {
    return await fn(composeHub(config, database), config);
  } finally {
    await database.close();
  }
}

/** The audit actor for CLI actions: the operating-system user at this machine. */
export function cliActor(): string {
  return `cli:${process.env.USER ?? process.env.LOGNAME ?? 'unknown'}`;
}
