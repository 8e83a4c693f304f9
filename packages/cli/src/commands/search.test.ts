import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { composeHub, hubConfigSchema, openHubDatabase } from '@camnet/hub';
import { runCli } from '../testing/run-cli.ts';

describe('camnet search (real process, real SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'camnet-cli-search-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses without a reason, finds red pickups by a plate pattern, and audits both', async () => {
    const config = hubConfigSchema.parse({ dataDir: dir });
    const database = await openHubDatabase(config);
    const at = Date.now() - 3600_000;
    const event = (localId: string, colour: 'red' | 'blue', plate: string) => ({
      localId, cameraId: 'cam-1', startedAt: new Date(at).toISOString(), endedAt: new Date(at + 2000).toISOString(), type: 'pickup', colour,
      colourConfidence: 0.9, colourAlt: null, plate: { text: plate, confidence: 0.9, chars: [], alternates: [] }, direction: 0, box: [0, 0, 1, 1], source: 'edge',
    });
    await composeHub(config, database).services.vehicleEvents.ingestBatch('edge-1', [event('a', 'red', 'AB312CD'), event('b', 'blue', 'AB312CE')]);
    await database.close();

    const refused = await runCli(['search', '--data-dir', dir, '--colour', 'red']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('error purpose_required');
    const found = await runCli(['search', '--data-dir', dir, '--case', 'C-1', '--offence', 'robbery', '--reason', 'suspect vehicle', '--colour', 'red', '--type', 'pickup', '--since', '24h', '--plate', 'AB?12*', '--json']);
    expect(found.stderr).toBe('');
    expect(JSON.parse(found.stdout).items.map((h: { plate: string }) => h.plate)).toEqual(['AB312CD']);
    const verify = await runCli(['verify', 'audit', '--data-dir', dir]);
    expect(verify.stdout).toContain('2 records verified');
  });
});
