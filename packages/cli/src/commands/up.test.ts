import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAMNET_BIN, runCli } from '../testing/run-cli.ts';

describe('camnet up on an empty data dir', () => {
  it('serves /healthz, /readyz, the OpenAPI page and prints a one-time set-up link', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'camnet-up-'));
    const child = spawn(process.execPath, [CAMNET_BIN, 'up', '--data-dir', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let text = '';
      const out = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no set-up link in: ${text}`)), 30_000);
        child.stdout.on('data', (d) => {
          text += d;
          if (/setup\?token=\S+/.test(text)) { clearTimeout(timer); resolve(text); }
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${text}`)));
      });
      const base = out.match(/running \([^)]*\) at (http:\/\/\S+)/)![1]!;
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      const docs = await fetch(`${base}/api/docs`);
      expect(docs.status).toBe(200);
      expect(await docs.text()).toContain('swagger');
      const spec = await (await fetch(`${base}/api/docs/json`)).json();
      expect(spec.paths['/api/v1/cameras']).toBeDefined();
      expect((await fetch(`${base}/api/v1/cameras`)).status).toBe(401);
      // Once serving, the database is read into SQLite's page cache in the background and the log says so.
      for (let i = 0; i < 100 && !text.includes('database cache prewarmed'); i++) await new Promise((r) => setTimeout(r, 100));
      const line = JSON.parse(text.split('\n').find((l) => l.includes('database cache prewarmed'))!);
      expect(line.state).toBe('done');
      expect(line.budgetPages).toBeGreaterThan(1000);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports every config problem at once with a stable id', async () => {
    const r = await runCli(['up', '--print-config', '--port', '99999'], undefined, { CAMNET_MAX_RETENTION_DAYS: '0', CAMNET_SESSION__IDLE_MINUTES: 'soon' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error config_invalid: The configuration has 3 problem(s)');
    expect(r.stderr).toMatch(/port/);
    expect(r.stderr).toMatch(/maxRetentionDays/);
    expect(r.stderr).toMatch(/session\.idleMinutes/);
  });

  it('prints the effective config with secrets masked', async () => {
    const r = await runCli(['up', '--print-config'], undefined, { CAMNET_SECRET_KEY: 'A'.repeat(43) + '=', CAMNET_DATABASE_URL: 'postgres://cam:hunter2@db/camnet', CAMNET_SQLITE_PREWARM: 'false', CAMNET_SQLITE_CACHE_MIB: '256' });
    expect(r.code).toBe(0);
    const cfg = JSON.parse(r.stdout);
    expect(cfg.secretKey).toBe('********');
    expect(cfg.databaseUrl).toBe('postgres://cam:********@db/camnet');
    expect(cfg.session.idleMinutes).toBe(30);
    expect(cfg.sqlitePrewarm).toBe(false);
    expect(cfg.sqliteCacheMiB).toBe(256); // CAMNET_SQLITE_CACHE_MIB: field names match whatever their case
  });
});
