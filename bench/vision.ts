// Vision benchmark on ../shared/data: `npx tsx bench/vision.ts [--json] [--only photos,reel,street,traffic] [--part even|odd]
// [--traffic-modes file,mosaic,live,clock,clock-400]` (default: the first four). `--only tiles` (not in the default):
// whether a camera's place in the two-camera mosaic changes its detections and counts (decoded frames, no timing).
// `--only altered` (not in the default, ~9 min): the photo figures on copies altered in memory (exposure, size, JPEG).
// `--only reel-bright` (not in the default, ~4 min): the plate reel as it is and 1.4× brighter, with the picture check.
// Prints a human table; with --json also one JSON object on the last line.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { join } from 'node:path';
import sharp from 'sharp';
import { probeVideoSize } from '../packages/edge/src/pipeline/capture/ffmpeg-frame-source.ts';
import { createCenterNetDetector } from '../packages/edge/src/pipeline/detection/centernet-tfjs-detector.ts';
import { createMosaicDetector, type MosaicStats } from '../packages/edge/src/pipeline/detection/mosaic-detector.ts';
import { PaddleOnnxPlateReader } from '../packages/edge/src/pipeline/plates/paddle-onnx-plate-reader.ts';
import { benchPlatePhotos, loadPlateTruth, type PhotoTruth } from './vision-plates.ts';
import type { StillImageDeps } from '../packages/edge/src/pipeline/still-image-analysis.ts';
import { benchAlteredPhotos } from './vision-robustness.ts';
import { benchClockOrder, benchTileBias, decodeAll } from './vision-tiles.ts';
import { boxMiddle, sampleBody } from '../packages/edge/src/pipeline/describe/body-samples.ts';
import { nameLab } from '../packages/edge/src/pipeline/describe/colour-naming.ts';
import { dominantCluster } from '../packages/edge/src/pipeline/describe/vehicle-colour.ts';
import { benchPlateReel, benchStreetColour, benchTraffic, type StreetColourLabel } from './vision-video.ts';

/** Vehicles in traffic-street.mp4 counted by hand (see docs/vision.md for how). */
const HAND_COUNT = { total: 29, nearLanes: 19, farLanes: 10, note: 'counted from 2 fps contact sheets; ±2 (vehicles cut by the frame edge at t=0, t=20 s and at the top edge)' };

const args = process.argv.slice(2);
const json = args.includes('--json');
const only = (args.includes('--only') ? args[args.indexOf('--only') + 1]! : 'photos,reel,street,traffic').split(',');
const part = args.includes('--part') ? args[args.indexOf('--part') + 1] : 'all';
const trafficModes = (args.includes('--traffic-modes') ? args[args.indexOf('--traffic-modes') + 1]! : 'file,mosaic,live,clock').split(',');
const data = join(import.meta.dirname, '../../shared/data');
if (!existsSync(data)) {
  console.error(`bench:vision needs ../shared/data (not found at ${data}); nothing measured.`);
  process.exit(2);
}

const result: Record<string, unknown> = { machine: { cpus: (await import('node:os')).cpus().length, node: process.version } };
const plates = await PaddleOnnxPlateReader.load();

/** The plate photos (the `--part` half of them) with a single-threaded detector, closed after `run`. */
async function onPhotos<T>(run: (dir: string, truth: PhotoTruth[], deps: StillImageDeps) => Promise<T>): Promise<T> {
  const detector = await createCenterNetDetector({ workers: 0 });
  const dir = join(data, 'plates-us');
  const truth = loadPlateTruth(dir).filter((_, i) => part === 'all' || (i % 2 === 0) === (part === 'even'));
  try {
    return await run(dir, truth, { detector, plates });
  } finally {
    await detector.close();
  }
}

if (only.includes('photos')) {
  const r = await onPhotos(benchPlatePhotos);
  result.photos = { ...r, baseline: { name: 'OpenALPR 2.3 (feasibility note, same set)', top1: 51, top10: 70, found: 89, msPerImage: 330 } };
  table('plates-us photos', [
    ['images', r.images, ''], ['plate found %', r.plateFound, 'target ≥ 95; OpenALPR 89'], ['plate top-1 %', r.top1, 'target ≥ 70; OpenALPR 51'],
    ['plate top-N %', r.topN, 'OpenALPR top-10 70'], ['colour % (alt counted)', r.colour, 'target ≥ 85'], ['colour % (strict)', r.colourStrict, ''],
    ['type % (coarse)', r.type, ''], ['ms / image', r.msPerImage, 'OpenALPR ~330 (plates only)'],
    ['plates clipped to white %', r.platesClipped, 'the edge warns "too bright" from 30 % of recent vehicles'],
  ]);
}

if (only.includes('altered')) {
  const runs = await onPhotos(benchAlteredPhotos);
  result.altered = runs.map(({ alteration, plateFound, top1, topN, colour, type, msPerImage, platesClipped }) => ({ alteration, plateFound, top1, topN, colour, type, msPerImage, platesClipped }));
  console.log('\nplates-us photos altered in memory (first row: as on disk, the baseline of this run; clipped: plates read whose background is clipped to white)');
  console.log(`  ${'alteration'.padEnd(18)} ${['found %', 'top-1 %', 'top-N %', 'colour %', 'type %', 'ms', 'clipped %'].map((h) => h.padStart(10)).join('')}`);
  for (const r of runs) console.log(`  ${r.alteration.padEnd(18)} ${[r.plateFound, r.top1, r.topN, r.colour, r.type, r.msPerImage, r.platesClipped].map((v) => String(v).padStart(10)).join('')}`);
}

/** The plate reel (or a copy of it) through a fresh pipeline, scored against its CSV. */
async function onReel(video: string) {
  const detector = await createCenterNetDetector({ workers: 1 });
  const { duration } = await probeVideoSize(video);
  const colours = new Map(loadPlateTruth(join(data, 'plates-us')).map((t) => [t.file, [t.colour, t.altColour].filter(Boolean) as [string, string]]));
  try {
    return await benchPlateReel(video, join(data, 'video/plate-reel.csv'), duration, detector, plates, colours);
  } finally {
    await detector.close();
  }
}

if (only.includes('reel')) {
  const r = await onReel(join(data, 'video/plate-reel.mp4'));
  result.reel = r;
  table('plate-reel.mp4', [
    ['vehicles expected', r.expectedVehicles, ''], ['events', r.events, 'target: expected ± 1'], ['vehicles with an event', r.vehiclesWithAnEvent, ''],
    ['plate top-1 per vehicle %', r.plateTop1PerVehicle, 'target ≥ 80'], ['plate top-N per vehicle %', r.plateTopNPerVehicle, ''],
    ['colour per vehicle %', r.colourPerVehicle, 'alt counted; same photos, several frames'], ['wall s (84 s video)', r.wallS, ''],
    ['plates clipped (vehicles)', `${r.picture.platesClipped} of ${r.picture.platesChecked}`, 'the camera\'s picture check'],
  ]);
}

// `--only reel-bright` (not in the default): the reel re-encoded 1.4× brighter (ffmpeg lutrgb, clipped at 255), as a
// camera set too bright would deliver it, beside the reel as it is: what the edge's picture check counts, and what
// the overexposure costs.
if (only.includes('reel-bright')) {
  const dir = mkdtempSync(join(tmpdir(), 'camnet-bench-'));
  const bright = join(dir, 'plate-reel-bright.mp4');
  try {
    await promisify(execFile)('ffmpeg', ['-v', 'error', '-i', join(data, 'video/plate-reel.mp4'), '-vf', 'lutrgb=r=val*1.4:g=val*1.4:b=val*1.4', '-c:v', 'libx264', '-crf', '18', '-pix_fmt', 'yuv420p', bright]);
    const runs = [['as it is', await onReel(join(data, 'video/plate-reel.mp4'))], ['exposure × 1.4', await onReel(bright)]] as const;
    result.reelBright = runs.map(([name, r]) => ({ name, events: r.events, top1: r.plateTop1PerVehicle, colour: r.colourPerVehicle, picture: r.picture }));
    console.log('\nplate-reel.mp4 as it is and 1.4× brighter (the picture check counts vehicles whose plate was clipped on most reads)');
    console.log(`  ${'reel'.padEnd(16)} ${['events', 'top-1 %', 'colour %', 'clipped', 'warning'].map((h) => h.padStart(12)).join('')}`);
    for (const [name, r] of runs) console.log(`  ${name.padEnd(16)} ${[r.events, r.plateTop1PerVehicle, r.colourPerVehicle, `${r.picture.platesClipped}/${r.picture.platesChecked}`, r.picture.warning ?? '-'].map((v) => String(v).padStart(12)).join('')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (only.includes('street')) {
  const detector = await createCenterNetDetector({ workers: 1 });
  const labels = (JSON.parse(readFileSync(join(import.meta.dirname, 'street-colours.json'), 'utf8')) as { vehicles: StreetColourLabel[] }).vehicles;
  const r = await benchStreetColour(join(data, 'video/traffic-street.mp4'), labels, detector, async (jpeg) => {
    const { data: rgb, info } = await sharp(jpeg).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const crop = { data: new Uint8Array(rgb), width: info.width, height: info.height };
    return nameLab(dominantCluster(sampleBody(crop, null, [1, 1, 1], boxMiddle(crop))).mean)[0];
  });
  await detector.close();
  result.street = r;
  table('traffic-street.mp4, colour of each vehicle (one camera, no plates; hand labels in bench/street-colours.json)', [
    ['vehicles labelled / events / matched', `${r.labelled} / ${r.events} / ${r.matched}`, ''],
    ['colour % (label or its alternate)', r.colour, `baseline (densest colour of the box's middle) ${r.colourBaseline}`],
    ['events named black / labelled black', `${r.saidBlack} / ${r.labelledBlack}`, ''],
  ]);
}

if (only.includes('traffic')) {
  const video = join(data, 'video/traffic-street.mp4');
  const { duration } = await probeVideoSize(video);
  const runs = [];
  // Baseline (each camera's frames run alone, every moving frame), then the shared mosaic detector (two cameras'
  // frames packed into one CenterNet input; bounded queue) on every 2nd moving frame, then live mode (every 2nd moving frame) with the
  // mosaic: the clip is read at its own speed (ffmpeg -re) and a frame arriving while its camera is busy is skipped;
  // then live on the shared capture clock: each camera's newest frame, both detected in one mosaic run every 333 ms
  // (3 rounds/s, the detector budget of two cores; `clock-400`: every 2nd frame period).
  const modes = { file: [1, false, false, null], mosaic: [2, false, true, null], live: [2, true, true, null], clock: [1, true, true, 333], 'clock-400': [1, true, true, 400] } as const;
  for (const [every, live, mosaic, tickMs] of trafficModes.map((m) => modes[m as keyof typeof modes])) {
    const base = await createCenterNetDetector({ workers: 2 });
    const shared = mosaic ? createMosaicDetector(base, { tiles: 2, concurrency: 2 }) : null;
    const detector = shared ?? base;
    const load = loadavg()[0]!;
    const r = { ...(await benchTraffic(video, duration, 2, 5, detector, plates, every, live, tickMs)), mosaic: shared?.stats ?? null, loadAverage1m: [round2(load), round2(loadavg()[0]!)] };
    await detector.close();
    runs.push(r);
    trafficTable(r);
  }
  result.traffic = { runs, handCount: HAND_COUNT };
}

function trafficTable(r: Awaited<ReturnType<typeof benchTraffic>> & { mosaic: MosaicStats | null; loadAverage1m: number[] }) {
  const mode = r.clockTickMs !== null ? `live on a shared capture clock (tick ${r.clockTickMs} ms, newest frame per camera)`
    : (r.live ? 'live (frames skipped while busy)' : `detector on every ${r.detectEvery === 1 ? '' : `${r.detectEvery}nd `}frame`);
  table(`traffic-street.mp4 × 2 cameras decoded @ 5 fps, ${mode}${r.mosaic ? ', 2-camera mosaic' : ''}`, [
    ['load average (1 min) start/end', r.loadAverage1m.join(' / '), 'machine shared; > 4 = very loaded'],
    ['vehicles counted (per camera)', r.vehiclesCounted.join(', '), `hand count ${HAND_COUNT.total} (27–31 within 10 %)`], ['wall s / video s', `${r.wallS} / ${Math.round(r.videoS)}`, r.keepsUp ? 'keeps up' : 'falls behind'],
    ['pipeline fps (all cameras)', r.pipelineFps, 'needed 10'], ['frames decoded / not skipped', `${r.framesDecoded.join('+')} / ${r.framesAnalysed.join('+')}`, ''],
    ['detector runs / skipped', `${r.detectorRuns.join('+')} / ${r.skippedBusy.join('+')}`, r.clock ? 'skipped: replaced by a newer frame before a tick' : 'skipped: camera busy'], ['event latency ms p50 / max', `${r.eventLatencyMs.p50} / ${r.eventLatencyMs.max}`, 'after the track gap'],
    ['clock rounds / paired batches / frame age ms p50, max', r.clock ? `${r.clock.rounds} / ${r.clock.pairedBatches} of ${r.clock.batches} / ${r.clock.frameAgeMs.p50}, ${r.clock.frameAgeMs.max}` : '-', 'age: offered → taken'],
    ['detector fps achieved (per camera)', r.detectorFps.join(', '), ''],
    ['mosaic runs / frames / dropped / max queue', r.mosaic ? `${r.mosaic.runs} / ${r.mosaic.frames} / ${r.mosaic.dropped} / ${r.mosaic.maxWaiting}` : '-', 'queue bounded (drop oldest)'],
    ...Object.entries(r.stageMsPerFrame).map(([k, v]) => [`  ${k} ms / frame`, v, ''] as [string, unknown, string]),
  ]);
}

if (only.includes('tiles')) {
  const frames = await decodeAll(join(data, 'video/traffic-street.mp4'), 5);
  const base = await createCenterNetDetector({ workers: 2 });
  const bias = await benchTileBias(frames, base);
  const order = await benchClockOrder(frames, createMosaicDetector(base, { tiles: 2, concurrency: 2 }), 333, [[0, 0], [0, 100], [50, 150], [120, 20]]);
  await base.close();
  result.tiles = { bias, order };
  table('traffic-street.mp4: place in the two-camera mosaic', [
    ['same frame in both tiles: vehicles upper / lower', `${bias.detectionsUpper} / ${bias.detectionsLower}`, `${bias.frames} frames`],
    ['  mean score, lower − upper', bias.meanScoreLowerMinusUpper, 'same boxes'],
    ['clock replay: counted first − second (mean)', order.meanFirstMinusSecond, 'cameras take turns at the tiles; 0 = fair'],
    ...order.runs.map((r) => [`  phases ${r.phasesMs.join('/')} ms, ${r.addedFirst} first`, `${r.counted.A}, ${r.counted.B}`, 'A, B'] as [string, unknown, string]),
  ]);
}

await plates.close();
if (json) console.log(JSON.stringify(result));

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function table(title: string, rows: [string, unknown, string][]) {
  console.log(`\n${title}`);
  for (const [k, v, note] of rows) console.log(`  ${k.padEnd(30)} ${String(v).padStart(12)}  ${note}`);
}
