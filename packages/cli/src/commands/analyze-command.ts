import type { Command } from 'commander';

/** `camnet analyze FILE…`: runs the edge vision pipeline on images and videos without a hub. */
export function registerAnalyzeCommand(program: Command): void {
  program.command('analyze').description('detect vehicles, colour, type and plates in images or videos (offline, no hub)')
    .argument('<files...>', 'image (jpg/png) or video files')
    .option('--json', 'print one JSON object per line')
    .action(async (files: string[], opts: { json?: boolean }) => {
      const { runAnalyze } = await import('./analyze.ts');
      process.exitCode = await runAnalyze(files, { json: !!opts.json }, (line: string) => process.stdout.write(line + '\n'));
    });
}
