import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, sql } from 'kysely';
import { expect, it } from 'vitest';
import { openDatabase } from '../database.ts';
import { migrations } from './index.ts';

it('0009 counts the events stored before it by UTC hour, camera and colour/type and marks those hours counted', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'camnet-0009-'));
  const database = openDatabase({ dataDir });
  try {
    const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true });
    expect((await migrator.migrateTo('0008-plate-runs')).error).toBeUndefined();
    const hour = 472_222; // 2023-11-14T22:00Z
    const rows: [number, number, number, number][] = [
      // [start ms, camera key, type code, colour code]
      [hour * 3_600_000 + 5, 7, 2, 5], [hour * 3_600_000 + 60_000, 7, 2, 5], [hour * 3_600_000 + 3_599_999, 7, 0, 1],
      [(hour + 1) * 3_600_000, 7, 2, 5], [hour * 3_600_000 + 9, 8, 2, 5],
    ];
    for (const [i, [ms, camera, type, colour]] of rows.entries()) {
      await sql`insert into vehicle_events (id, edge_key, local_id, camera_key, ended_ms, received_ms, type_code, colour_code, colour_conf,
        colour_alt_code, plate, plate_conf, plate_read, direction, box, source_code)
        values (${ms * 1000 + i}, 3, ${`l-${i}`}, ${camera}, ${ms + 2000}, ${ms + 3000}, ${type}, ${colour}, 0.8, 0, null, null, null, null, '[1,2,3,4]', 0)`.execute(database.db);
    }
    expect((await migrator.migrateTo('0009-hour-counts')).error).toBeUndefined();
    const counts = await database.db.selectFrom('vehicle_event_hour_counts').selectAll().orderBy('hour').orderBy('code').orderBy('camera_key').execute();
    expect(counts).toEqual([
      { hour, code: 1 * 16 + 0, camera_key: 7, n: 1 },
      { hour, code: 5 * 16 + 2, camera_key: 7, n: 2 },
      { hour, code: 5 * 16 + 2, camera_key: 8, n: 1 },
      { hour: hour + 1, code: 5 * 16 + 2, camera_key: 7, n: 1 },
    ]);
    expect(await database.db.selectFrom('vehicle_event_counted_hours').select('hour').orderBy('hour').execute()).toEqual([{ hour }, { hour: hour + 1 }]);
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
