import type { Command } from 'commander';
import { withHub } from './hub-context.ts';

/** `camnet verify audit`: walks the audit hash chain; exit 0 when intact, 3 naming the first broken seq. */
export function registerVerifyCommands(program: Command): void {
  const verify = program.command('verify').description('verify integrity (audit chain; evidence packages later)');
  verify.command('audit').description('walk the audit log hash chain and report the first broken record')
    .option('-d, --data-dir <dir>', 'data folder of the hub', './camnet-data')
    .option('--database-url <url>', 'postgres://… when the hub runs on PostgreSQL')
    .option('--json', 'print the verdict as JSON')
    .action(async (opts: { dataDir?: string; databaseUrl?: string; json?: boolean }) => {
      await withHub(opts, async ({ services }) => {
        const v = await services.audit.verify();
        if (opts.json) process.stdout.write(JSON.stringify(v) + '\n');
        else if (v.ok) process.stdout.write(`audit chain intact: ${v.checked} records verified\n`);
        else process.stdout.write(`AUDIT CHAIN BROKEN at seq ${v.brokenSeq}: ${v.reason} (${v.checked} records before it verified)\n`);
        process.exitCode = v.ok ? 0 : 3;
      });
    });
}
