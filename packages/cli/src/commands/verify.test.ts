import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../testing/run-cli.ts';

describe('camnet user / token / verify audit (real processes, real SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'camnet-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds users from stdin, lists them, creates a token, and the audit chain verifies', async () => {
    const add = await runCli(['user', 'add', '--data-dir', dir, '--email', 'ops@city.gov', '--role', 'operator', '--password-stdin'], 'a long operator password\n');
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect((await runCli(['user', 'add', '--data-dir', dir, '--email', 'aud@city.gov', '--role', 'auditor', '--password-stdin'], 'a long auditor password')).code).toBe(0);
    const weak = await runCli(['user', 'add', '--data-dir', dir, '--email', 'x@city.gov', '--role', 'patrol', '--password-stdin'], 'short');
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain('error password_too_weak');
    const list = await runCli(['user', 'list', '--data-dir', dir, '--json']);
    expect(list.stdout.trim().split('\n').map((l) => JSON.parse(l).email)).toEqual(['ops@city.gov', 'aud@city.gov']);
    const token = await runCli(['token', 'create', '--data-dir', dir, '--user', 'ops@city.gov', '--role', 'operator']);
    expect(token.stdout.trim()).toMatch(/^cn_[A-Za-z0-9_-]{40,}$/);
    const verify = await runCli(['verify', 'audit', '--data-dir', dir]);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain('audit chain intact: 3 records verified');
  });

  it('exits non-zero naming the seq after a row is altered in the database', async () => {
    const db = new Database(join(dir, 'hub.sqlite'));
    db.prepare("update audit_log set details = '{\"role\":\"admin\"}' where seq = 2").run();
    db.close();
    const verify = await runCli(['verify', 'audit', '--data-dir', dir]);
    expect(verify.code).toBe(3);
    expect(verify.stdout).toContain('AUDIT CHAIN BROKEN at seq 2');
  });

  it('prints help for every verb and the version', async () => {
    for (const verb of [['up'], ['hub'], ['user', 'add'], ['token', 'create'], ['verify', 'audit'], ['analyze']]) {
      const r = await runCli([...verb, '--help']);
      expect(r.code, verb.join(' ')).toBe(0);
      expect(r.stdout).toContain('Usage: camnet');
    }
    expect((await runCli(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
