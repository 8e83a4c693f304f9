import { extname, basename } from 'node:path';
import { existsSync } from 'node:fs';
import {
  analyzeStillImage, createCenterNetDetector, createVehiclePipeline, PaddleOnnxPlateReader, plateClipped, readFrames, readRgbImage,
  type EventSink, type ObjectDetector, type PlateReader, type StillVehicle,
} from '@camnet/edge/pipeline';

const IMAGE_EXT = new Set(['.jpg', '.jpeg', '.png', '.webp', '.bmp', '.tif', '.tiff']);
const VIDEO_EXT = new Set(['.mp4', '.mkv', '.mov', '.avi', '.webm', '.ts', '.m4v']);

/** Frames per second sampled from videos: enough for tracking and several plate reads per vehicle. */
const VIDEO_FPS = 5;

/** `camnet analyze`: vehicles, type, colour and plates in images and videos, offline; returns the exit code. */
export async function runAnalyze(files: string[], opts: { json: boolean }, out: (line: string) => void): Promise<number> {
  const missing = files.filter((f) => !existsSync(f));
  const unknown = files.filter((f) => !IMAGE_EXT.has(ext(f)) && !VIDEO_EXT.has(ext(f)));
  for (const f of missing) out(opts.json ? JSON.stringify({ file: f, error: { id: 'file_not_found', message: `no such file: ${f}` } }) : `${f}: no such file`);
  for (const f of unknown.filter((u) => !missing.includes(u))) {
    out(opts.json ? JSON.stringify({ file: f, error: { id: 'unsupported_file_type', message: `not an image or video: ${f}` } }) : `${f}: not an image or video`);
  }
  const todo = files.filter((f) => !missing.includes(f) && !unknown.includes(f));
  if (todo.length === 0) return files.length === 0 ? 2 : 1;
  const detector = await createCenterNetDetector({ workers: 0 });
  const plates = await PaddleOnnxPlateReader.load();
  let failed = missing.length + unknown.length > 0;
  try {
    for (const file of todo) {
      try {
        if (IMAGE_EXT.has(ext(file))) await analyzeImage(file, detector, plates, opts, out);
        else await analyzeVideo(file, detector, plates, opts, out);
      } catch (err) {
        failed = true;
        const message = err instanceof Error ? err.message : String(err);
        out(opts.json ? JSON.stringify({ file, error: { id: 'analysis_failed', message } }) : `${file}: ${message}`);
      }
    }
  } finally {
    await detector.close();
    await plates.close();
  }
  return failed ? 1 : 0;
}

async function analyzeImage(file: string, detector: ObjectDetector, plates: PlateReader, opts: { json: boolean }, out: (l: string) => void) {
  const image = await readRgbImage(file);
  const t0 = performance.now();
  const vehicles = await analyzeStillImage(image, { detector, plates });
  const ms = Math.round(performance.now() - t0);
  // Whether each plate's background is clipped to white: an installer can check a camera's exposure on one snapshot.
  const clipped = (v: StillVehicle) => !!v.plate && plateClipped(image, v.plate.box);
  if (opts.json) out(JSON.stringify({ file, ms, vehicles: vehicles.map((v) => presentVehicle(v, clipped(v))) }));
  else {
    out(`${file}: ${vehicles.length} vehicle(s) in ${ms} ms`);
    for (const v of vehicles) {
      const plate = v.plate ? `${v.plate.text} ${pct(v.plate.confidence)}${clipped(v) ? ' (washed out to white: the picture is too bright)' : ''}` : '-';
      out(`  ${v.type} (${v.class}) ${v.colour} ${pct(v.colourConfidence)}${v.colourAlt ? ` or ${v.colourAlt}` : ''}  plate ${plate}  at ${v.box.map(Math.round).join(',')}`);
    }
  }
}

function presentVehicle(v: StillVehicle, clipped: boolean) {
  return {
    box: v.box.map(Math.round), class: v.class, type: v.type, colour: v.colour, colourConfidence: v.colourConfidence, colourAlt: v.colourAlt,
    plate: v.plate && {
      text: v.plate.text, confidence: round(v.plate.confidence), box: v.plate.box.map(Math.round),
      chars: v.plate.chars.map((c) => ({ c: c.c, confidence: c.confidence })), alternates: v.plate.alternates, clipped,
    },
  };
}

async function analyzeVideo(file: string, detector: ObjectDetector, plates: PlateReader, opts: { json: boolean }, out: (l: string) => void) {
  const streamStart = new Date(0);
  const sink: EventSink = {
    async emit(e) {
      const startS = (Date.parse(e.startedAt) - streamStart.getTime()) / 1000;
      const endS = (Date.parse(e.endedAt) - streamStart.getTime()) / 1000;
      if (opts.json) out(JSON.stringify({ file, startS, endS, ...e }));
      else out(`${file} ${startS.toFixed(1)}–${endS.toFixed(1)} s: ${e.type} ${e.colour ?? '?'} plate ${e.plate ? `${e.plate.text} ${pct(e.plate.confidence)}` : '-'}`);
    },
  };
  const pipeline = createVehiclePipeline({ detector, plates, sink }, { cameraId: `file:${basename(file)}`, streamStart });
  for await (const frame of readFrames({ input: file, fps: VIDEO_FPS })) await pipeline.process(frame);
  await pipeline.finish();
  const p = pipeline.stats.picture;
  if (!opts.json && p.platesChecked > 0) out(`${file}: plates of ${p.platesClipped} of ${p.platesChecked} vehicles washed out to white${p.warning === 'overexposed' ? ': the picture is too bright (lower the exposure, or turn on WDR or backlight compensation)' : ''}`);
}

const ext = (f: string) => extname(f).toLowerCase();
const pct = (v: number) => `${Math.round(v * 100)}%`;
const round = (v: number) => Math.round(v * 1000) / 1000;
