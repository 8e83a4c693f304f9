/** Starts the real system (`camnet up`) on a temporary data dir and a free port; reads the set-up link it prints. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningCamnet {
  url: string;
  /** The one-time set-up path printed on first run (`/setup?token=…`). */
  setupPath: string;
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealthy(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`camnet exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`camnet did not answer ${url}/healthz within ${timeoutMs} ms`);
}

/** `camnet up ARGS` on a fresh temporary data dir and a free port, with vision off unless `env` turns it on. */
async function spawnCamnetUp(args: string[], env: Record<string, string> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'camnet-e2e-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['packages/cli/bin/camnet.js', 'up', ...args, '--data-dir', dataDir, '--port', String(port)], {
    cwd: process.cwd(),
    // Vision is off unless a test asks for it: it loads the models and takes a core per camera.
    env: { ...process.env, NODE_ENV: 'test', CAMNET_EDGE_VISION: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise<void>((r) => {
        const t = setTimeout(() => (child.kill('SIGKILL'), r()), 10_000);
        child.once('exit', () => (clearTimeout(t), r()));
      });
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { child, url: `http://127.0.0.1:${port}`, dataDir, output: () => out, stop };
}

export async function startCamnet(opts: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<RunningCamnet> {
  const { child, url, output, stop } = await spawnCamnetUp([], opts.env);
  try {
    await waitForHealthy(url, child, opts.timeoutMs ?? 90_000);
    const until = Date.now() + 10_000;
    let m: RegExpExecArray | null = null;
    while (!(m = /\/setup\?token=[\w.~%-]+/.exec(output())) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    if (!m) throw new Error(`camnet printed no set-up link:\n${output()}`);
    return { url, setupPath: m[0], output, stop };
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}\n--- camnet output ---\n${output()}`);
  }
}

/** `camnet up --demo` on a temporary data dir, with the demo accounts it prints. */
export interface DemoCamnet {
  url: string;
  dataDir: string;
  credentials: Map<string, { email: string; password: string }>;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `camnet up --demo --no-demo-traffic` (tests bring their own events) with vision off, and waits until it
 * answers and has printed the demo accounts.
 */
export async function startDemoCamnet(opts: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<DemoCamnet> {
  const { child, url, dataDir, output, stop } = await spawnCamnetUp(['--demo', '--no-demo-traffic'], opts.env);
  const until = Date.now() + (opts.timeoutMs ?? 120_000);
  while (!/installer\s+\S+@demo\.camnet\.local\s+\S+/.test(output()) || !(await fetch(`${url}/healthz`).then((r) => r.ok, () => false))) {
    if (child.exitCode !== null || Date.now() > until) {
      await stop();
      throw new Error(`camnet up --demo did not start:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const credentials = new Map<string, { email: string; password: string }>();
  for (const m of output().matchAll(/^\s+(\w+)\s+(\S+@demo\.camnet\.local)\s+(\S+)$/gm)) credentials.set(m[1]!, { email: m[2]!, password: m[3]! });
  return { url, dataDir, credentials, output, stop };
}
