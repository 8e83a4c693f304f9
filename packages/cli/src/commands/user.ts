import type { Command } from 'commander';
import { invalid, isRole, ROLES } from '@camnet/core';
import { cliActor, withHub } from './hub-context.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

interface DbOpts { dataDir?: string; databaseUrl?: string }
const dbOptions = (c: Command) => c
  .option('-d, --data-dir <dir>', 'data folder of the hub', './camnet-data')
  .option('--database-url <url>', 'postgres://… when the hub runs on PostgreSQL');

/** `camnet user add|list|disable`: account administration at the machine (audited as the OS user). */
export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('manage accounts');

  dbOptions(user.command('add').description('add an account; the password is read from stdin'))
    .requiredOption('--email <email>', 'email address (sign-in name)')
    .requiredOption('--role <role>', `one of: ${ROLES.join(', ')}`)
    .option('--name <name>', 'display name')
    .option('--member <memberId>', 'member organisation id (default: the network admin member)')
    .option('--password-stdin', 'read the password from stdin (required)')
    .action(async (opts: DbOpts & { email: string; role: string; name?: string; member?: string; passwordStdin?: boolean }) => {
      if (!isRole(opts.role)) throw invalid('role_unknown', `Unknown role "${opts.role}". Use one of: ${ROLES.join(', ')}.`);
      if (!opts.passwordStdin) throw invalid('password_stdin_required', 'Pass --password-stdin and pipe the password in, so it never appears in the process list.');
      const password = await readStdin();
      await withHub(opts, async ({ services, stores }) => {
        let memberId = opts.member;
        if (!memberId) {
          const [admin] = await stores.members.list({ kind: 'network_admin', limit: 1 });
          memberId = admin?.id ?? (await services.members.create({ name: 'Network administration', kind: 'network_admin' })).id;
        }
        const u = await services.users.create({ email: opts.email, name: opts.name ?? opts.email, role: opts.role as never, memberId, password });
        await services.audit.record({ actor: cliActor(), action: 'user.create', target: u.id, purpose: null, outcome: 'success', details: { email: u.email, role: u.role, via: 'cli' } });
        process.stdout.write(`added ${u.email} (${u.role}) id=${u.id}\n`);
      });
    });

  dbOptions(user.command('list').description('list accounts'))
    .option('--json', 'print JSON lines')
    .action(async (opts: DbOpts & { json?: boolean }) => {
      await withHub(opts, async ({ services }) => {
        let cursor: string | undefined;
        do {
          const page = await services.users.list({}, { cursor, limit: 500 });
          for (const u of page.items) {
            process.stdout.write(opts.json ? JSON.stringify({ id: u.id, email: u.email, role: u.role, disabled: u.disabled, mfa: u.totpEnabled }) + '\n'
              : `${u.email.padEnd(36)} ${u.role.padEnd(13)} ${u.disabled ? 'disabled' : 'active  '} ${u.totpEnabled ? 'mfa' : '   '} ${u.id}\n`);
          }
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
      });
    });

  dbOptions(user.command('disable').description('disable an account (signs it out everywhere)'))
    .requiredOption('--email <email>', 'the account to disable')
    .action(async (opts: DbOpts & { email: string }) => {
      await withHub(opts, async ({ services, stores }) => {
        const u = await services.users.findByEmail(opts.email);
        if (!u) throw invalid('user_not_found', `No account for ${opts.email}.`);
        await stores.users.update(u.id, { disabled: true, updatedAt: new Date().toISOString() });
        await stores.sessions.deleteForUser(u.id);
        await services.audit.record({ actor: cliActor(), action: 'user.update', target: u.id, purpose: null, outcome: 'success', details: { disabled: true, via: 'cli' } });
        process.stdout.write(`disabled ${u.email}\n`);
      });
    });
}
