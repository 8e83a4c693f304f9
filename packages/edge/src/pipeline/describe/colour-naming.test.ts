import { describe, expect, it } from 'vitest';
import { CHROMATIC_PROTOTYPES, hueName, nameLab } from './colour-naming.ts';
import { deltaE2000, rgbToLab } from './lab.ts';

describe('CIELAB and colour names', () => {
  it('converts sRGB to Lab and measures CIEDE2000 like the reference data', () => {
    const red = rgbToLab(255, 0, 0);
    expect(red.L).toBeCloseTo(53.24, 1);
    expect(red.a).toBeCloseTo(80.09, 1);
    expect(rgbToLab(255, 255, 255).L).toBeCloseTo(100, 2);
    // Sharma, Wu & Dalal (2005), test pair 1.
    expect(deltaE2000({ L: 50, a: 2.6772, b: -79.7751 }, { L: 50, a: 0, b: -82.7485 })).toBeCloseTo(2.0425, 3);
  });
  it('names achromatic colours by lightness and chromatic ones by the nearest prototype', () => {
    const name = (r: number, g: number, b: number) => nameLab(rgbToLab(r, g, b))[0];
    expect(name(15, 15, 17)).toBe('black');
    expect(name(90, 90, 92)).toBe('gray');
    expect(name(180, 182, 185)).toBe('silver');
    expect(name(255, 255, 255)).toBe('white');
    expect(name(180, 20, 25)).toBe('red');
    expect(name(20, 40, 150)).toBe('blue');
    expect(name(30, 120, 40)).toBe('green');
    expect(name(240, 200, 20)).toBe('yellow');
  });
  it('names clearly coloured paint by hue outside the warm hues, so sunlit red stays red; warm hues keep the prototypes', () => {
    expect(nameLab(rgbToLab(255, 120, 100))[0]).toBe('red'); // a bright red under a 2× exposure gain, clipped
    expect(nameLab({ L: 64, a: 31, b: 1 })[0]).toBe('red'); // pinkish sunlit red, prototypes say beige
    expect(hueName(306)).toBe('blue'); // sRGB blue
    expect(hueName(328)).toBe('purple'); // sRGB magenta
    expect(hueName(136)).toBe('green');
    expect(hueName(80)).toBeNull();
    expect(nameLab(CHROMATIC_PROTOTYPES.find(([n]) => n === 'gold')![1])[0]).toBe('gold');
    expect(nameLab({ L: 60, a: 45, b: 65 })[0]).toBe('orange');
    expect(nameLab({ L: 88, a: -4.7, b: 33.6 })[0]).toBe('yellow'); // a pale taxi yellow, not beige
    expect(nameLab({ L: 76, a: 3, b: 17 })[0]).toBe('beige');
  });
  it('names weakly coloured paint with a red or magenta hue red (maroon in shade), while blue- and yellow-cast greys stay grey', () => {
    expect(nameLab({ L: 14, a: 6.4, b: 2.2 })).toEqual(['red', expect.not.stringMatching(/^red$/)]); // dark maroon, C* 6.8
    expect(nameLab({ L: 50, a: 14, b: 3 })[0]).toBe('red'); // a shaded burgundy boot lid, C* 14
    expect(nameLab({ L: 32, a: 8, b: -5 })[0]).toBe('red'); // maroon under blue skylight: hue 328°
    expect(nameLab({ L: 38, a: 6.5, b: 2.3 })[0]).toBe('gray'); // below 0.7 of the achromatic bound
    expect(nameLab({ L: 30, a: 1, b: -10 })[0]).toBe('gray'); // grey in blue shade: as coloured, but not red
    expect(nameLab({ L: 44, a: 6, b: -8 })[0]).toBe('gray'); // violet-tinted grey (hue 307°), still in the blue sector
    expect(nameLab({ L: 80, a: 1, b: 9 })[0]).toBe('silver'); // warm light grey
    expect(nameLab({ L: 30, a: 30, b: -25 })[0]).toBe('purple'); // clearly coloured magenta-purple keeps its hue sector
  });
  it('gives a distinct runner-up', () => {
    const [first, second] = nameLab(rgbToLab(180, 182, 185));
    expect(second).not.toBe(first);
  });
});
