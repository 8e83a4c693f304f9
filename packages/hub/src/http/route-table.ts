import type { RouteRule } from './access.ts';

/** The role/route table as Markdown (docs/roles.md), generated from the routes' own rules. */
export function renderRouteTable(rules: RouteRule[]): string {
  const rows = [...rules]
    .filter((r) => r.url !== '/*' && r.url !== '/' && !r.url.startsWith('/api/docs'))
    .sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));
  const lines = [
    '# Who may call what',
    '',
    'Generated from the hub\'s route rules by `npm run docs:routes`; a test fails when this file is out of date',
    'or when a route has no rule. "audit" names the action the route writes to the audit log.',
    '',
    '| method | path | who | audit |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.method} | \`${r.url}\` | ${r.access} | ${r.audit ?? ''} |`),
  ];
  return lines.join('\n') + '\n';
}
