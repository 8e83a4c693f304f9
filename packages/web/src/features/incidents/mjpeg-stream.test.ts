import { describe, expect, it } from 'vitest';
import { takeParts } from './mjpeg-stream.ts';

const enc = new TextEncoder();
const part = (bytes: number[], at: string) => [...enc.encode(`--frame\r\nContent-Type: image/jpeg\r\nContent-Length: ${bytes.length}\r\nX-Frame-Taken-At: ${at}\r\n\r\n`), ...bytes, 13, 10];

describe('takeParts', () => {
  it('splits complete MJPEG parts with their capture times and keeps a partial one for later', async () => {
    const a = part([0xff, 0xd8, 1, 2, 0xff, 0xd9], '2026-11-22T10:00:00.000Z');
    const b = part([0xff, 0xd8, 3, 0xff, 0xd9], '2026-11-22T10:00:00.500Z');
    const whole = new Uint8Array([...a, ...b]);
    const first = takeParts(whole.slice(0, a.length + 20));
    expect(first.frames).toHaveLength(1);
    expect(first.frames[0]!.takenAt).toBe(Date.parse('2026-11-22T10:00:00.000Z'));
    expect([...new Uint8Array(await first.frames[0]!.jpeg.arrayBuffer())]).toEqual([0xff, 0xd8, 1, 2, 0xff, 0xd9]);
    const rest = new Uint8Array([...first.rest, ...whole.slice(a.length + 20)]);
    const second = takeParts(rest);
    expect(second.frames.map((f) => f.takenAt)).toEqual([Date.parse('2026-11-22T10:00:00.500Z')]);
    expect(second.frames[0]!.jpeg.size).toBe(5);
  });
});
