import type { Migration } from 'kysely';
import * as foundation from './0001-foundation.ts';
import * as vehicleEvents from './0002-vehicle-events.ts';
import * as rtcc from './0003-rtcc.ts';
import * as clips from './0004-clips.ts';
import * as recordings from './0005-recordings.ts';
import * as postgis from './0006-postgis.ts';
import * as plateRows from './0007-plate-rows.ts';
import * as plateRuns from './0008-plate-runs.ts';
import * as hourCounts from './0009-hour-counts.ts';
import * as pictureCheck from './0010-picture-check.ts';

/** Every migration in order; names sort by version. Forward-only. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-vehicle-events': vehicleEvents,
  '0003-rtcc': rtcc,
  '0004-clips': clips,
  '0005-recordings': recordings,
  '0006-postgis': postgis,
  '0007-plate-rows': plateRows,
  '0008-plate-runs': plateRuns,
  '0009-hour-counts': hourCounts,
  '0010-picture-check': pictureCheck,
};
