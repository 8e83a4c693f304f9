import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { isDomainError } from '@camnet/core';
import { registerUpCommands } from './commands/up.ts';
import { registerUserCommands } from './commands/user.ts';
import { registerTokenCommands } from './commands/token.ts';
import { registerVerifyCommands } from './commands/verify.ts';
import { registerAnalyzeCommand } from './commands/analyze-command.ts';
import { registerEdgeCommand } from './commands/edge.ts';
import { registerSearchCommand } from './commands/search.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const CLI_VERSION: string = JSON.parse(readFileSync(join(here, '../package.json'), 'utf8')).version;

/** Builds the command tree; each verb has its own --help. */
export function buildProgram(): Command {
  const program = new Command('camnet')
    .description('camnet: community camera network — hub, edge agent and tools')
    .version(CLI_VERSION, '-v, --version')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  registerUpCommands(program);
  registerEdgeCommand(program);
  registerUserCommands(program);
  registerTokenCommands(program);
  registerVerifyCommands(program);
  registerAnalyzeCommand(program);
  registerSearchCommand(program);
  return program;
}

/** Runs the CLI; resolves to the exit code. Errors print `error <id>: message` on stderr. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    if (isDomainError(e)) {
      process.stderr.write(`error ${e.id}: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`error: ${(e as Error).stack ?? e}\n`);
    return 1;
  }
}
