import type { Command } from 'commander';
import { invalid, isRole, ROLES } from '@camnet/core';
import { cliActor, withHub } from './hub-context.ts';

/** `camnet token create`: an API token for scripts, printed once. */
export function registerTokenCommands(program: Command): void {
  const token = program.command('token').description('manage API tokens');
  token.command('create').description('create an API token for a user; prints it once')
    .requiredOption('--user <email>', 'the token owner')
    .requiredOption('--role <role>', `the token's scope: one of ${ROLES.join(', ')}`)
    .option('--name <name>', 'what the token is for', 'cli token')
    .option('--expires-in-days <n>', 'expiry in days')
    .option('-d, --data-dir <dir>', 'data folder of the hub', './camnet-data')
    .option('--database-url <url>', 'postgres://… when the hub runs on PostgreSQL')
    .action(async (opts: { user: string; role: string; name: string; expiresInDays?: string; dataDir?: string; databaseUrl?: string }) => {
      if (!isRole(opts.role)) throw invalid('role_unknown', `Unknown role "${opts.role}". Use one of: ${ROLES.join(', ')}.`);
      await withHub(opts, async ({ services }) => {
        const u = await services.users.findByEmail(opts.user);
        if (!u) throw invalid('user_not_found', `No account for ${opts.user}.`);
        const { token: text, item } = await services.tokens.create(u.id, { name: opts.name, role: opts.role as never, expiresInDays: opts.expiresInDays ? Number(opts.expiresInDays) : undefined });
        await services.audit.record({ actor: cliActor(), action: 'token.create', target: item.id, purpose: null, outcome: 'success', details: { user: u.email, role: item.role, via: 'cli' } });
        process.stdout.write(`${text}\n`);
        process.stderr.write(`token ${item.id} for ${u.email} (${item.role}); it will not be shown again\n`);
      });
    });
}
