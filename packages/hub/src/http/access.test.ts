import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createTestHub } from '../testing/test-hub.ts';
import { registerAccessRules } from './access.ts';
import type { RouteRule } from './access.ts';
import { renderRouteTable } from './route-table.ts';

describe('route authorisation rules', () => {
  it('refuses to build an app with a route that has no rule', async () => {
    const app = Fastify();
    registerAccessRules(app, []);
    expect(() => app.get('/api/v1/forgotten', async () => 'x')).toThrow(/no access rule/);
    await app.close();
  });

  it('every hub route has a rule, and docs/roles.md matches them', async () => {
    const t = await createTestHub();
    try {
      const rules: RouteRule[] = t.app.routeRules;
      expect(rules.length).toBeGreaterThan(25);
      expect(rules.every((r) => r.access.length > 0)).toBe(true);
      const doc = readFileSync(join(import.meta.dirname, '../../../../docs/roles.md'), 'utf8');
      expect(doc, 'docs/roles.md is out of date: run `npm run docs:routes`').toBe(renderRouteTable(rules));
    } finally {
      await t.close();
    }
  });
});
