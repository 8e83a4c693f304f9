/** Real processes for system tests and benchmarks: `camnet hub` with an admin API token, `camnet edge`, the API. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './camnet-process.ts';

const BIN = 'packages/cli/bin/camnet.js';

/** A child process with its output kept, stoppable with a signal. */
export interface Proc {
  child: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function spawnCamnet(args: string[], env: Record<string, string> = {}): Proc {
  // Vision is off unless a test asks for it: it loads the models and takes a core per camera.
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, CAMNET_EDGE_VISION: 'off', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return {
    child,
    output: () => out,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await new Promise<void>((r) => {
        const t = setTimeout(() => (child.kill('SIGKILL'), r()), 10_000);
        child.once('exit', () => (clearTimeout(t), r()));
      });
    },
  };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** A `camnet hub` process on a data dir with an admin and an admin API token made by the CLI beforehand. */
export interface HubProcess {
  url: string;
  dataDir: string;
  token: string;
  proc: Proc;
  /** Starts the hub again on the same data dir and port (after a stop or a kill). */
  restart(): Promise<void>;
  api<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }>;
}

export async function startHubProcess(opts: { env?: Record<string, string> } = {}): Promise<HubProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'camnet-sys-hub-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const add = spawnSync(process.execPath, [BIN, 'user', 'add', '--data-dir', dataDir, '--email', 'sys@test.local', '--role', 'admin', '--password-stdin'], { input: 'system test password\n' });
  if (add.status !== 0) throw new Error(`user add failed: ${add.stderr}`);
  const tok = spawnSync(process.execPath, [BIN, 'token', 'create', '--data-dir', dataDir, '--user', 'sys@test.local', '--role', 'admin']);
  const token = String(tok.stdout).trim();
  if (!token.startsWith('cn_')) throw new Error(`token create failed: ${tok.stderr}`);
  const hub: HubProcess = {
    url, dataDir, token, proc: null as unknown as Proc,
    async restart() {
      hub.proc = spawnCamnet(['hub', '--data-dir', dataDir, '--port', String(port)], { CAMNET_LOG_LEVEL: 'warn', ...opts.env });
      await waitFor(async () => (await fetch(`${url}/readyz`)).ok, 60_000, 'the hub to answer /readyz');
    },
    async api(method, path, body) {
      const res = await fetch(`${url}${path}`, {
        method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : null };
    },
  };
  await hub.restart();
  return hub;
}

/** A member, a site and an edge registered on the hub; returns the edge's one-time enrolment token. */
export async function registerSite(hub: HubProcess): Promise<{ siteId: string; edgeId: string; enrolmentToken: string }> {
  const member = await hub.api('POST', '/api/v1/members', { name: 'Corner Shop', kind: 'business' });
  const site = await hub.api('POST', '/api/v1/sites', { memberId: member.json.id, name: 'Shop', address: '3500 Gravois Ave', lat: 38.59, lon: -90.24 });
  const edge = await hub.api('POST', '/api/v1/edges', { siteId: site.json.id, name: 'shop box' });
  if (edge.status !== 201) throw new Error(`edge create failed: ${JSON.stringify(edge.json)}`);
  return { siteId: site.json.id, edgeId: edge.json.edge.id, enrolmentToken: edge.json.enrolmentToken };
}

/** Waits until `check` holds, polling. */
export { waitFor };
