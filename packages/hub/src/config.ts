import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_MAX_RETENTION_DAYS, MFA_ROLES, ROLES, invalid } from '@camnet/core';

/** Offence categories a search or request must name; a network may replace the list. */
export const DEFAULT_OFFENCE_CATEGORIES = [
  'homicide', 'shooting', 'robbery', 'burglary', 'motor vehicle theft', 'hit and run', 'assault',
  'kidnapping / missing person', 'arson', 'vandalism', 'theft', 'fraud', 'traffic', 'other',
];

/** A boolean that also accepts the text an environment variable gives (`true`/`false`). */
const envBoolean = z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean());

/** The hub's configuration: every field has a default, bounds and a description (this file documents it). */
export const hubConfigSchema = z.object({
  dataDir: z.string().default('./camnet-data').describe('Folder for the SQLite database, blobs and the secret key'),
  host: z.string().default('127.0.0.1').describe('Address to listen on (0.0.0.0 to serve the LAN)'),
  port: z.coerce.number().int().min(0).max(65535).default(8080).describe('TCP port for the dashboard and API'),
  publicUrl: z.string().url().optional().describe('URL people use to reach the hub (links in messages); defaults to http://host:port'),
  databaseUrl: z.string().regex(/^(postgres(ql)?:\/\/|sqlite:)/, 'must start with postgres:// or sqlite:').optional()
    .describe('postgres://… for PostgreSQL; empty means SQLite in dataDir'),
  sqliteCacheMiB: z.coerce.number().int().min(2).max(1_048_576).optional()
    .describe('SQLite page cache in MiB; default a quarter of the machine\'s memory. An upper bound: it fills only as pages are read, so a small network uses little. Searches read their pages from here in microseconds, whatever the OS does with its file cache (docs/adr/0008-sqlite-page-cache-prewarm.md)'),
  sqlitePrewarm: envBoolean.default(true)
    .describe('After start, read the SQLite database into the page cache in the background (indexes first, then plate runs, then the newest events), up to 90 % of sqliteCacheMiB'),
  natsUrl: z.string().regex(/^nats:\/\//, 'must start with nats://').optional()
    .describe('nats://… to fan domain events out between several hub instances; empty keeps them in-process'),
  secretKey: z.string().regex(/^[A-Za-z0-9+/=_-]{43,}$/, 'must be 32 bytes, base64').optional()
    .describe('Key that encrypts stream URLs (base64, 32 bytes); generated into dataDir/secret.key when absent'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('Log level'),
  networkName: z.string().min(1).max(80).default('camnet network').describe('Name shown on pages and reports'),
  maxRetentionDays: z.coerce.number().int().min(1).max(365).default(DEFAULT_MAX_RETENTION_DAYS)
    .describe('Network maximum for video and event retention, in days'),
  offenceCategories: z.array(z.string().min(1)).min(1).default(DEFAULT_OFFENCE_CATEGORIES)
    .describe('Offence categories a search or footage request must name'),
  mapTileUrl: z.string().url().nullable().default(null)
    .describe('XYZ tile URL template for the map ({z}/{x}/{y}); null draws the map offline on a plain background'),
  session: z.object({
    idleMinutes: z.coerce.number().int().min(1).max(24 * 60).default(30).describe('Sign out after this much inactivity'),
    absoluteHours: z.coerce.number().int().min(1).max(7 * 24).default(12).describe('Sign out after this long regardless'),
  }).prefault({}).describe('Session lifetimes'),
  login: z.object({
    maxFailures: z.coerce.number().int().min(1).max(100).default(5).describe('Failed sign-ins before lockout'),
    lockoutMinutes: z.coerce.number().int().min(1).max(24 * 60).default(10).describe('How long a locked account stays locked'),
    perMinutePerIp: z.coerce.number().int().min(1).max(10_000).default(20).describe('Sign-in attempts allowed per minute per address'),
  }).prefault({}).describe('Sign-in protection'),
  mfaRequiredRoles: z.array(z.enum(ROLES)).default([...MFA_ROLES]).describe('Roles that must use a second factor (TOTP)'),
  secureCookies: z.coerce.boolean().default(false).describe('Mark cookies Secure (set true behind HTTPS)'),
  webDir: z.string().optional().describe('Folder of the built dashboard; defaults to packages/web/dist'),
});
export type HubConfig = z.infer<typeof hubConfigSchema>;

/** The fields of an object schema under its wrappers (default, prefault, optional), or null. */
function fieldsOf(schema: unknown): Record<string, unknown> | null {
  let s = schema as { shape?: Record<string, unknown>; _zod?: { def?: { innerType?: unknown } } } | undefined;
  while (s && !s.shape && s._zod?.def?.innerType) s = s._zod.def.innerType as typeof s;
  return s?.shape ?? null;
}

/** Reads `CAMNET_*` variables into a nested object: CAMNET_SESSION__IDLE_MINUTES → session.idleMinutes; CAMNET_SQLITE_CACHE_MIB → sqliteCacheMiB (field names matched whatever their case). */
export function configFromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(env)) {
    if (!key.startsWith('CAMNET_') || value === undefined || key.startsWith('CAMNET_TEST') || key.startsWith('CAMNET_BENCH')) continue;
    let fields = fieldsOf(hubConfigSchema);
    const path = key.slice(7).split('__').map((part) => {
      const camel = part.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
      const name = (fields && Object.keys(fields).find((f) => f.toLowerCase() === camel.toLowerCase())) ?? camel;
      fields = fields ? fieldsOf(fields[name]) : null;
      return name;
    });
    let node = out;
    for (const part of path.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    const leaf = path[path.length - 1]!;
    node[leaf] = value.startsWith('[') ? JSON.parse(value) : value;
  }
  return out;
}

function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && prev && typeof prev === 'object' ? deepMerge(prev as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}

/**
 * The effective config: defaults ← file (dataDir/camnet.config.json or `file`) ← environment ← overrides.
 * Every problem is reported at once in one `config_invalid` error.
 */
export function loadHubConfig(opts: { overrides?: Record<string, unknown>; env?: NodeJS.ProcessEnv; file?: string } = {}): HubConfig {
  const env = configFromEnv(opts.env ?? process.env);
  const pre = deepMerge(env, opts.overrides ?? {});
  const dataDir = typeof pre.dataDir === 'string' ? pre.dataDir : './camnet-data';
  const file = opts.file ?? join(dataDir, 'camnet.config.json');
  let fromFile: Record<string, unknown> = {};
  if (existsSync(file)) {
    try {
      fromFile = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (e) {
      throw invalid('config_invalid', `Config file ${file} is not valid JSON: ${(e as Error).message}`);
    }
  }
  const parsed = hubConfigSchema.safeParse(deepMerge(fromFile, pre));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw invalid('config_invalid', `The configuration has ${lines.length} problem(s):\n${lines.join('\n')}`, { issues: parsed.error.issues });
  }
  return { ...parsed.data, dataDir: resolve(parsed.data.dataDir) };
}

/** The config with secrets masked, for `--print-config` and logs. */
export function maskConfig(config: HubConfig): Record<string, unknown> {
  const masked: Record<string, unknown> = { ...config };
  if (config.secretKey) masked.secretKey = '********';
  if (config.databaseUrl) masked.databaseUrl = config.databaseUrl.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:********@');
  return masked;
}
