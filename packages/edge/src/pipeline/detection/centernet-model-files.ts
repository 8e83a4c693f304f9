import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Reads a file's bytes; injected so a test can record exactly which files the detector opens. */
export type ReadModelFile = (path: string) => Promise<Uint8Array>;

/** The only model files camnet takes from `@vladmandic/human`: its COCO CenterNet. Never its face models. */
export const CENTERNET_FILES = { graph: 'centernet.json' } as const;

/** Finds `@vladmandic/human/models` on disk (the package's `exports` hide it). */
export function locateHumanModelsDir(): string {
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve('@vladmandic/human'));
  while (!existsSync(join(dir, 'models', CENTERNET_FILES.graph))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('@vladmandic/human is installed but models/centernet.json was not found');
    dir = up;
  }
  return join(dir, 'models');
}

/** The shape tfjs-converter's `loadGraphModel` accepts as an IOHandler (kept structural to avoid a type import here). */
export interface FileModelArtifacts {
  modelTopology: unknown;
  weightSpecs: unknown[];
  weightData: ArrayBuffer;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  signature?: unknown;
}

/** Loads centernet.json and the weight shards it names, from disk, through `read` (no fetch). */
export async function loadCenterNetArtifacts(dir: string, read: ReadModelFile = defaultRead): Promise<FileModelArtifacts> {
  const json = JSON.parse(new TextDecoder().decode(await read(join(dir, CENTERNET_FILES.graph)))) as {
    modelTopology: unknown;
    format?: string;
    generatedBy?: string;
    convertedBy?: string;
    signature?: unknown;
    weightsManifest: { paths: string[]; weights: unknown[] }[];
  };
  const buffers: Uint8Array[] = [];
  const weightSpecs: unknown[] = [];
  for (const group of json.weightsManifest) {
    weightSpecs.push(...group.weights);
    for (const p of group.paths) {
      if (!/^centernet[\w.-]*\.bin$/.test(p)) throw new Error(`refusing to read a non-CenterNet weight file: ${p}`);
      buffers.push(await read(join(dir, p)));
    }
  }
  const total = buffers.reduce((n, b) => n + b.length, 0);
  const weightData = new Uint8Array(total);
  let off = 0;
  for (const b of buffers) { weightData.set(b, off); off += b.length; }
  return { ...json, weightSpecs, weightData: weightData.buffer };
}

const defaultRead: ReadModelFile = async (p) => new Uint8Array(await readFile(p));
