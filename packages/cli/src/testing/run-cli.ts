import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** Path of the `camnet` bin, for tests that run it as a real process. */
export const CAMNET_BIN = join(import.meta.dirname, '../../bin/camnet.js');

/** Runs `camnet args…` to completion with optional stdin; returns exit code and output. */
export function runCli(args: string[], stdin?: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CAMNET_BIN, ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}
