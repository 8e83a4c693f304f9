import type { Command } from 'commander';
import { invalid } from '@camnet/core';
import { cliActor, withHub } from './hub-context.ts';

interface SearchOpts {
  dataDir?: string; databaseUrl?: string; case?: string; offence?: string; reason?: string;
  colour: string[]; type: string[]; camera: string[]; source: string[];
  since?: string; from?: string; to?: string; plate?: string; fuzzy?: boolean; near?: string; address?: string; radius?: string;
  direction?: string; minConfidence?: string; sort: string; limit: string; cursor?: string; facets?: boolean; json?: boolean;
}

const collect = (v: string, acc: string[]) => [...acc, ...v.split(',').map((s) => s.trim()).filter(Boolean)];

/** The raw search request the options describe (the search service validates it with the API's schema). */
export function searchRequestFromOptions(o: SearchOpts): Record<string, unknown> {
  const near = o.near?.split(',').map(Number);
  if (near && (near.length !== 3 || near.some((n) => !Number.isFinite(n)))) throw invalid('near_invalid', '--near is lat,lon,radiusMetres (38.59,-90.24,300).');
  const place = {
    ...(o.camera.length ? { cameraIds: o.camera } : {}),
    ...(near ? { near: { lat: near[0]!, lon: near[1]!, radiusM: near[2]! } } : {}),
    ...(o.address ? { address: o.address } : {}),
    ...(o.radius ? { radiusM: Number(o.radius) } : {}),
  };
  return {
    purpose: o.case || o.offence || o.reason ? { caseNumber: o.case, offence: o.offence, text: o.reason } : undefined,
    filters: {
      time: { ...(o.since ? { last: o.since } : {}), ...(o.from ? { from: o.from } : {}), ...(o.to ? { to: o.to } : {}) },
      ...(Object.keys(place).length ? { place } : {}),
      ...(o.colour.length ? { colours: o.colour } : {}),
      ...(o.type.length ? { types: o.type } : {}),
      ...(o.plate ? { plate: { text: o.plate, fuzzy: !!o.fuzzy } } : {}),
      ...(o.direction ? { direction: o.direction } : {}),
      ...(o.minConfidence ? { minConfidence: Number(o.minConfidence) } : {}),
      ...(o.source.length ? { sources: o.source } : {}),
    },
    sort: o.sort, limit: Number(o.limit), facets: !!o.facets, ...(o.cursor ? { cursor: o.cursor } : {}),
  };
}

/** `camnet search`: the same search as the dashboard, with a stated reason, audited as the OS user. */
export function registerSearchCommand(program: Command): void {
  program.command('search').description('search vehicle events (a case number, offence and reason are required; audited)')
    .option('-d, --data-dir <dir>', 'data folder of the hub', './camnet-data')
    .option('--database-url <url>', 'postgres://… when the hub runs on PostgreSQL')
    .option('--case <number>', 'case number (required)')
    .option('--offence <category>', 'offence category from the network\'s list (required)')
    .option('--reason <text>', 'why you are searching (required)')
    .option('--since <span>', 'relative time: 30m, 24h, 7d (default 24h)')
    .option('--from <iso>', 'start time, ISO 8601')
    .option('--to <iso>', 'end time, ISO 8601')
    .option('--colour <colour>', 'colour (repeat or comma-separate; silver also offers gray)', collect, [])
    .option('--type <type>', 'vehicle type: car, suv, pickup, van, truck, bus, motorcycle, bicycle', collect, [])
    .option('--plate <plate>', 'plate, or a pattern with ? (one character) and * (any run)')
    .option('--fuzzy', 'match OCR look-alikes (0/O, 1/I, 8/B…) and one dropped or extra character')
    .option('--camera <id>', 'camera id (repeat or comma-separate)', collect, [])
    .option('--near <lat,lon,radius>', 'a circle: latitude, longitude, radius in metres')
    .option('--address <text>', 'an address or intersection ("Gravois & Chippewa")')
    .option('--radius <metres>', 'radius round --address (default 150)')
    .option('--direction <dir>', 'north, north-east, east, … heading of travel')
    .option('--min-confidence <0..1>', 'minimum colour/plate confidence')
    .option('--source <source>', 'edge, camera-ai, import', collect, [])
    .option('--sort <order>', 'time_desc, time_asc or quality', 'time_desc')
    .option('--limit <n>', 'hits per page (1–500)', '100')
    .option('--cursor <cursor>', 'next page (printed after a page)')
    .option('--facets', 'also count by colour, type, camera and hour')
    .option('--json', 'print one JSON object')
    .action(async (opts: SearchOpts) => {
      await withHub(opts, async ({ services }) => {
        const request = services.search.parseRequest(searchRequestFromOptions(opts));
        let outcome: 'success' | 'failure' = 'failure';
        const details: Record<string, unknown> = { filters: request.filters, sort: request.sort, via: 'cli' };
        let purpose = null;
        try {
          purpose = services.search.checkPurpose(request.purpose);
          const result = await services.search.search(request);
          Object.assign(details, { resultCount: result.items.length, total: result.total.count, totalCapped: result.total.capped });
          outcome = 'success';
          process.stdout.write(opts.json ? `${JSON.stringify(result)}\n` : formatTable(result));
        } finally {
          await services.audit.record({ actor: cliActor(), action: 'search.run', target: null, purpose, outcome, details });
        }
      });
    });
}

function formatTable(r: { items: { startedAt: string; cameraName: string | null; cameraId: string; colour: string | null; type: string; plate: string | null; plateMatch: { quality: string } | null }[]; total: { count: number; capped: boolean }; nextCursor: string | null }): string {
  const lines = r.items.map((h) => [h.startedAt, (h.cameraName ?? h.cameraId).slice(0, 28).padEnd(28), (h.colour ?? '-').padEnd(7), h.type.padEnd(10), (h.plate ?? '-').padEnd(9), h.plateMatch?.quality ?? ''].join('  '));
  const footer = `${r.items.length} shown of ${r.total.count}${r.total.capped ? '+' : ''}${r.nextCursor ? `; next page: --cursor ${r.nextCursor}` : ''}`;
  return `${lines.join('\n')}${lines.length ? '\n' : ''}${footer}\n`;
}
