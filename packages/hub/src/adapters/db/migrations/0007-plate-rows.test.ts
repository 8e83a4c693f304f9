import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, sql } from 'kysely';
import { expect, it } from 'vitest';
import { openDatabase } from '../database.ts';
import { migrations } from './index.ts';

it('0007 fills the plate rows of events stored before it with the events\' columns', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'camnet-0007-'));
  const database = openDatabase({ dataDir });
  try {
    const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true });
    expect((await migrator.migrateTo('0006-postgis')).error).toBeUndefined();
    await sql`insert into vehicle_events (id, edge_key, local_id, camera_key, ended_ms, received_ms, type_code, colour_code, colour_conf,
      colour_alt_code, plate, plate_conf, plate_read, direction, box, source_code)
      values (1700000000000123, 3, 'l-1', 7, 1700000002000, 1700000003000, 2, 5, 0.8, 4, 'ABC1234', 0.91, '{"chars":[],"alternates":[]}', 270, '[1,2,3,4]', 0)`.execute(database.db);
    await sql`insert into vehicle_event_plates (plate_key, id, plate) values ('ABC1234', 1700000000000123, 'ABC1234')`.execute(database.db);
    expect((await migrator.migrateTo('0007-plate-rows')).error).toBeUndefined();
    const row = await database.db.selectFrom('vehicle_event_plates').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ plate_key: 'ABC1234', edge_key: 3, local_id: 'l-1', camera_key: 7, ended_ms: 1700000002000, type_code: 2, colour_code: 5, plate_conf: 0.91, direction: 270, box: '[1,2,3,4]', source_code: 0 });
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
