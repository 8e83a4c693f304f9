// Writes docs/roles.md from the hub's route rules: `npm run docs:routes`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestHub } from '../packages/hub/src/testing/test-hub.ts';
import { renderRouteTable } from '../packages/hub/src/http/route-table.ts';

const t = await createTestHub();
writeFileSync(join(import.meta.dirname, '../docs/roles.md'), renderRouteTable(t.app.routeRules));
await t.close();
console.log('wrote docs/roles.md');
