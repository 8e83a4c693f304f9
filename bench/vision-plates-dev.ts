// Dev loop for the plate reader on ../shared/data/plates-us (subset by --part even|odd|all).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRgbImage } from '../packages/edge/src/pipeline/capture/image-file.ts';
import { iou } from '../packages/edge/src/pipeline/capture/rgb-image.ts';
import { PaddleOnnxPlateReader } from '../packages/edge/src/pipeline/plates/paddle-onnx-plate-reader.ts';
const dir = join(import.meta.dirname, '../../shared/data/plates-us');
const part = process.argv[2] ?? 'even';
const files = readdirSync(dir).filter((f) => f.endsWith('.jpg')).sort().filter((_, i) => part === 'all' || (i % 2 === 0) === (part === 'even'));
const reader = await PaddleOnnxPlateReader.load();
let ok = 0, found = 0, n = 0, ms = 0;
for (const f of files) {
  const [, x, y, w, h, plate] = readFileSync(join(dir, f.replace('.jpg', '.txt')), 'utf8').trim().split(/\s+/);
  const truth = plate!.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const img = await readRgbImage(join(dir, f));
  const t = performance.now();
  const r = await reader.read(img);
  ms += performance.now() - t;
  n++;
  const hit = r && iou(r.box, [+x!, +y!, +w!, +h!]) > 0 || (r && r.box[0] < +x! + +w! && r.box[0] + r.box[2] > +x! && r.box[1] < +y! + +h! && r.box[1] + r.box[3] > +y!);
  if (hit) found++;
  if (r?.text === truth) ok++;
  console.log(r?.text === truth ? 'OK ' : hit ? 'BAD' : 'MIS', f.slice(0, 12), truth, r?.text, r?.confidence.toFixed(2));
}
console.log({ n, top1: ok / n, found: found / n, ms: ms / n });
