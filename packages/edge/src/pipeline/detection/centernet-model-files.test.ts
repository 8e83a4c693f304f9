import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCenterNet } from './centernet-tfjs.ts';
import { loadCenterNetArtifacts, locateHumanModelsDir } from './centernet-model-files.ts';

// Governance: @vladmandic/human ships face models beside CenterNet; camnet must never load them.
const FACE_MODELS = /blazeface|facemesh|faceres|iris|emotion|antispoof|liveness|faceboxes|mobileface|insightface|gear|ssrnet|age|gender/i;

describe('CenterNet model files', () => {
  it('finds the models folder, which does hold face models we must avoid', () => {
    const files = readdirSync(locateHumanModelsDir());
    expect(files).toContain('centernet.json');
    expect(files.some((f) => /blazeface|facemesh|faceres/.test(f))).toBe(true);
  });

  it('reads only centernet.json and its weights when the detector model is loaded', async () => {
    const read: string[] = [];
    const model = await loadCenterNet(async (p) => { read.push(p); return new Uint8Array(await readFile(p)); });
    model.dispose();
    expect(read.length).toBeGreaterThanOrEqual(2);
    for (const p of read) expect(p.split('/').pop()).toMatch(/^centernet(\.json|[\w.-]*\.bin)$/);
    expect(read.some((p) => FACE_MODELS.test(p.split('/').pop()!))).toBe(false);
  });

  it('refuses a manifest that points at any other weight file', async () => {
    const dir = locateHumanModelsDir();
    const fake = async (p: string) => p.endsWith('centernet.json')
      ? new TextEncoder().encode(JSON.stringify({ modelTopology: {}, weightsManifest: [{ paths: ['blazeface.bin'], weights: [] }] }))
      : new Uint8Array(0);
    await expect(loadCenterNetArtifacts(dir, fake)).rejects.toThrow(/non-CenterNet/);
  });

  it('no edge source imports @vladmandic/human code or names a face model file', () => {
    const root = join(import.meta.dirname, '../../..', 'src');
    const offenders: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.ts$/.test(e.name) && !e.name.endsWith('.test.ts')) {
          const src = readFileSync(p, 'utf8');
          if (/from ['"]@vladmandic\/human/.test(src) || /import\(['"]@vladmandic\/human/.test(src)) offenders.push(relative(root, p));
          if (/(blazeface|facemesh|faceres|antispoof|liveness)\.(json|bin)/i.test(src)) offenders.push(relative(root, p));
        }
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
  });
});
