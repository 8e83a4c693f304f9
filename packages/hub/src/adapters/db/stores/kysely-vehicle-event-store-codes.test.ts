import { describe, expect, it } from 'vitest';
import { decodePlateRead, encodePlateRead } from './kysely-vehicle-event-store-codes.ts';

describe('stored plate reads', () => {
  it('round-trips per-character confidences and alternates in the compact form, to 0.001', () => {
    const read = {
      chars: [{ c: 'A', confidence: 0.96 }, { c: '7', confidence: 1 }, { c: 'Q', confidence: 0 }, { c: 'Z', confidence: 0.4567 }],
      alternates: [{ text: 'A7QZ', confidence: 0.81 }, { text: 'A70Z', confidence: 0.333 }],
    };
    const text = encodePlateRead(read);
    expect(text.length).toBeLessThan(35);
    expect(text.startsWith('~')).toBe(true);
    const back = decodePlateRead(text);
    expect(back.chars.map((c) => c.c).join('')).toBe('A7QZ');
    back.chars.forEach((c, i) => expect(c.confidence).toBeCloseTo(read.chars[i]!.confidence, 3));
    expect(back.alternates).toEqual([{ text: 'A7QZ', confidence: 0.81 }, { text: 'A70Z', confidence: 0.333 }]);
    expect(decodePlateRead(encodePlateRead({ chars: [], alternates: [] }))).toEqual({ chars: [], alternates: [] });
  });

  it('keeps anything else as JSON, and reads rows stored as JSON before', () => {
    const odd = { chars: [{ c: 'É', confidence: 0.5 }], alternates: [{ text: 'AB-1', confidence: 0.2 }] };
    expect(decodePlateRead(encodePlateRead(odd))).toEqual(odd);
    expect(decodePlateRead('{"chars":[{"c":"A","confidence":0.96}],"alternates":[]}')).toEqual({ chars: [{ c: 'A', confidence: 0.96 }], alternates: [] });
  });
});
