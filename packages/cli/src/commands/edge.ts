import type { Command } from 'commander';

interface EdgeOptions {
  hub?: string;
  token?: string;
  dataDir: string;
  config?: string;
}

/** `camnet edge`: the agent at a site; enrols once with a one-time token, then keeps one outbound connection. */
export function registerEdgeCommand(program: Command): void {
  program.command('edge').description('run an edge agent at a site: records its cameras, describes vehicles, keeps one outbound link to the hub')
    .option('--hub <url>', 'hub URL, e.g. https://hub.example.org (remembered after enrolment)')
    .option('--token <token>', 'one-time enrolment token from the hub (Edges page, or POST /api/v1/edges)')
    .option('-d, --data-dir <dir>', 'where the edge keeps recordings, its database and credential', './camnet-edge-data')
    .option('-c, --config <file>', 'edge config file (JSON): cameras, disk budget, …')
    .action(async (opts: EdgeOptions) => {
      const { loadEdgeConfig, startEdge } = await import('@camnet/edge');
      const config = loadEdgeConfig({
        file: opts.config, env: process.env,
        overrides: { dataDir: opts.dataDir, ...(opts.hub ? { hubUrl: opts.hub } : {}), ...(opts.token ? { enrolToken: opts.token } : {}) },
      });
      const edge = await startEdge(config);
      process.stdout.write(`camnet edge ${edge.edgeId ? `enrolled as ${edge.edgeId}` : 'running without a hub'}; data in ${config.dataDir}\n`);
      const stop = async () => {
        await edge.stop();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
      await new Promise(() => {});
    });
}
