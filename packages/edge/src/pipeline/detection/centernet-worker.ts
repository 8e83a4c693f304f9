// worker_threads entry: owns one CenterNet on the single-threaded wasm backend and answers detect requests.
import { parentPort } from 'node:worker_threads';
import { resizeRgb } from '../capture/rgb-image.ts';
import { CENTERNET_SIZE, loadCenterNet, runCenterNet } from './centernet-tfjs.ts';

/** A request to the worker: one rgb24 frame (transferred) and the score floor. */
export interface CenterNetRequest {
  id: number;
  data: Uint8Array;
  width: number;
  height: number;
  minScore: number;
}

const port = parentPort;
if (!port) throw new Error('centernet-worker.ts must run in a worker thread');
const model = loadCenterNet();
port.on('message', (req: CenterNetRequest) => {
  void (async () => {
    try {
      const m = await model;
      const img = resizeRgb({ data: req.data, width: req.width, height: req.height }, CENTERNET_SIZE, CENTERNET_SIZE);
      port.postMessage({ id: req.id, detections: await runCenterNet(m, img.data, req.minScore) });
    } catch (err) {
      port.postMessage({ id: req.id, error: String(err) });
    }
  })();
});
