import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { runAnalyze } from './analyze.ts';

const dir = mkdtempSync(join(tmpdir(), 'camnet-analyze-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const photo = join(import.meta.dirname, '../../../../../shared/data/plates-us/car6.jpg');

async function run(files: string[]) {
  const lines: string[] = [];
  const code = await runAnalyze(files, { json: true }, (l) => lines.push(l));
  return { code, objects: lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

if (!(existsSync(photo))) console.warn('skipping the real-photo tests here: ../shared/data not found (they need ../shared/data/plates-us)');
describe('camnet analyze', () => {
  it('reports missing and unsupported files with stable error ids and exit code 1', async () => {
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    const { code, objects } = await run([join(dir, 'nope.jpg'), join(dir, 'notes.txt')]);
    expect(code).toBe(1);
    expect(objects.map((o) => (o.error as { id: string }).id)).toEqual(['file_not_found', 'unsupported_file_type']);
  });

  it('prints one JSON object per image, with an empty vehicle list for an empty scene (no network, no ../shared)', async () => {
    const file = join(dir, 'empty.png');
    await sharp({ create: { width: 320, height: 200, channels: 3, background: { r: 90, g: 90, b: 90 } } }).png().toFile(file);
    const { code, objects } = await run([file]);
    expect(code).toBe(0);
    expect(objects).toHaveLength(1);
    expect(objects[0]).toMatchObject({ file, vehicles: [] });
    expect(typeof objects[0]!.ms).toBe('number');
  }, 60_000);

  it.skipIf(!existsSync(photo))('describes the vehicle and reads its plate in a real photo (needs ../shared/data)', async () => {
    const { code, objects } = await run([photo]);
    expect(code).toBe(0);
    const vehicles = objects[0]!.vehicles as Record<string, unknown>[];
    const withPlate = vehicles.find((v) => v.plate) as { box: number[]; type: string; colour: string; colourConfidence: number; plate: { text: string; box: number[]; chars: { c: string; confidence: number }[]; alternates: unknown[] } };
    expect(withPlate.plate.text).toBe('AKS4329');
    expect(withPlate.plate.chars.map((c) => c.c).join('')).toBe('AKS4329');
    expect(withPlate.box).toHaveLength(4);
    expect(withPlate.plate.box).toHaveLength(4);
    expect(withPlate.colourConfidence).toBeGreaterThan(0);
    expect(withPlate.plate).toMatchObject({ clipped: false });
  }, 60_000);

  it.skipIf(!existsSync(photo))('says when a plate is washed out to white: the same photo 1.5× brighter, as a camera set too bright (needs ../shared/data)', async () => {
    const bright = join(dir, 'bright.jpg');
    await sharp(photo).linear(1.5, 0).jpeg({ quality: 92 }).toFile(bright);
    const { objects } = await run([bright]);
    const plates = (objects[0]!.vehicles as { plate: { text: string; clipped: boolean } | null }[]).flatMap((v) => (v.plate ? [v.plate] : []));
    expect(plates.length).toBeGreaterThan(0);
    expect(plates.every((p) => p.clipped)).toBe(true);
  }, 60_000);
});
