// Dev loop for the photo benchmark: `npx tsx bench/vision-plates-dev.ts even|odd|all` (even = tuning half, odd = check half).
import { join } from 'node:path';
import { createCenterNetDetector } from '../packages/edge/src/pipeline/detection/centernet-tfjs-detector.ts';
import { PaddleOnnxPlateReader } from '../packages/edge/src/pipeline/plates/paddle-onnx-plate-reader.ts';
import { benchPlatePhotos, loadPlateTruth } from './vision-plates.ts';
const dir = join(import.meta.dirname, '../../shared/data/plates-us');
const part = process.argv[2] ?? 'even';
const truth = loadPlateTruth(dir).filter((_, i) => part === 'all' || (i % 2 === 0) === (part === 'even'));
const deps = { detector: await createCenterNetDetector({ workers: 0 }), plates: await PaddleOnnxPlateReader.load() };
const r = await benchPlatePhotos(dir, truth, deps, (l) => console.log(l));
console.log(JSON.stringify({ ...r, misses: undefined }, null, 0));
await deps.detector.close();
await deps.plates.close();
