import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadHubConfig, maskConfig, startHub } from '@camnet/hub';
import type { HubConfig, RunningHub } from '@camnet/hub';

interface UpOptions {
  dataDir?: string;
  port?: string;
  host?: string;
  demo?: boolean;
  demoTraffic?: boolean;
  printConfig?: boolean;
  config?: string;
}

function configFrom(opts: UpOptions) {
  const overrides: Record<string, unknown> = {};
  if (opts.dataDir) overrides.dataDir = opts.dataDir;
  if (opts.port) overrides.port = opts.port;
  if (opts.host) overrides.host = opts.host;
  // The demo is for looking around: no authenticator app needed. Production keeps MFA for admin/operator/investigator.
  if (opts.demo) overrides.mfaRequiredRoles = [];
  return loadHubConfig({ overrides, file: opts.config });
}

/** The local edge of `camnet up`: records the cameras added in the dashboard whose site has no edge of its own. */
async function startEmbeddedEdge(running: RunningHub, config: HubConfig) {
  const { loadCredential, loadEdgeConfig, startEdge } = await import('@camnet/edge');
  const dataDir = join(config.dataDir, 'edge');
  const { enrolmentToken } = await running.hub.services.edges.ensureEmbedded({ issueToken: loadCredential(dataDir) === null });
  const logLevel = config.logLevel === 'fatal' ? 'error' : config.logLevel;
  return startEdge(loadEdgeConfig({ env: process.env, overrides: { dataDir, hubUrl: running.url, enrolToken: enrolmentToken, logLevel } }));
}

async function runHub(opts: UpOptions, mode: 'up' | 'hub'): Promise<void> {
  const config = configFrom(opts);
  if (opts.printConfig) {
    process.stdout.write(JSON.stringify(maskConfig(config), null, 2) + '\n');
    return;
  }
  const running = await startHub(config, { demo: opts.demo, demoTraffic: opts.demoTraffic });
  const edge = mode === 'up' ? await startEmbeddedEdge(running, config) : null;
  process.stdout.write(`camnet ${mode === 'up' ? 'is running (hub + local edge)' : 'hub is running'} at ${running.url}\n`);
  process.stdout.write(`  data: ${config.dataDir}   database: ${config.databaseUrl ? 'PostgreSQL' : 'SQLite'}   API docs: ${running.url}/api/docs\n`);
  if (running.demoCredentials) {
    const lines = running.demoCredentials.map((c) => `  ${c.role.padEnd(13)} ${c.email.padEnd(34)} ${c.password}`);
    const text = `Demo network seeded (synthetic data). Sign in at ${running.url} as:\n\n${lines.join('\n')}\n\nTwo-step sign-in is off in the demo.\n`;
    writeFileSync(join(config.dataDir, 'demo-credentials.txt'), text, { mode: 0o600 });
    process.stdout.write(`\n${text}(also saved in ${join(config.dataDir, 'demo-credentials.txt')})\n`);
  }
  if (running.setupUrl) {
    process.stdout.write(`\nFirst run: create the first admin account with this one-time link:\n\n  ${running.setupUrl}\n\n`);
  }
  const stop = async (signal: string) => {
    process.stdout.write(`\n${signal}: stopping camnet…\n`);
    await edge?.stop();
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  await new Promise(() => {});
}

/** `camnet up` (the whole system on one machine) and `camnet hub` (the hub alone). */
export function registerUpCommands(program: Command): void {
  const common = (c: Command) => c
    .option('-d, --data-dir <dir>', 'data folder (database, recordings, keys)', './camnet-data')
    .option('-p, --port <port>', 'TCP port (default 8080; 0 picks a free one)')
    .option('--host <host>', 'address to listen on (default 127.0.0.1)')
    .option('-c, --config <file>', 'config file (default DATA_DIR/camnet.config.json)')
    .option('--print-config', 'print the effective configuration (secrets masked) and exit');

  common(program.command('up').description('run the whole system on this machine: hub, dashboard and a local edge (SQLite, local files)'))
    .option('--demo', 'seed a believable demo network on first start')
    .option('--no-demo-traffic', 'with --demo: no synthetic vehicle events (tests that bring their own)')
    .action((opts: UpOptions) => runHub(opts, 'up'));

  common(program.command('hub').description('run only the hub (API, dashboard); set CAMNET_DATABASE_URL for PostgreSQL'))
    .action((opts: UpOptions) => runHub(opts, 'hub'));
}
