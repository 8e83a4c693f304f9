/** A CIELAB colour (D65): L* 0..100, a*, b* roughly -128..127. */
export interface Lab { L: number; a: number; b: number }

const LINEAR = new Float64Array(256).map((_, i) => {
  const c = i / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
});

/** Linear light of an sRGB value (0..255, fractional values rounded, out-of-range values clamped). */
function linear(v: number): number {
  const i = Math.round(v);
  return LINEAR[i < 0 ? 0 : i > 255 ? 255 : i]!;
}

const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);

/** Converts an sRGB pixel (0..255 per channel, fractional values allowed and clamped) to CIELAB under D65. */
export function rgbToLab(r: number, g: number, b: number): Lab {
  const R = linear(r), G = linear(g), B = linear(b);
  const x = (0.4124564 * R + 0.3575761 * G + 0.1804375 * B) / 0.95047;
  const y = 0.2126729 * R + 0.7151522 * G + 0.072175 * B;
  const z = (0.0193339 * R + 0.119192 * G + 0.9503041 * B) / 1.08883;
  const fx = f(x), fy = f(y), fz = f(z);
  return { L: 116 * fy - 16, a: 500 * (fx - fy), b: 200 * (fy - fz) };
}

/** Chroma C*ab of a Lab colour. */
export const chroma = (c: Lab): number => Math.hypot(c.a, c.b);

/** Hue angle h_ab in degrees, 0..360. */
export const hue = (c: Lab): number => (Math.atan2(c.b, c.a) * 180 / Math.PI + 360) % 360;

const rad = (d: number) => (d * Math.PI) / 180;

/** CIEDE2000 colour difference between two Lab colours (kL = kC = kH = 1). */
export function deltaE2000(p: Lab, q: Lab): number {
  const C1 = chroma(p), C2 = chroma(q), Cm = (C1 + C2) / 2;
  const G = 0.5 * (1 - Math.sqrt(Cm ** 7 / (Cm ** 7 + 25 ** 7)));
  const a1 = p.a * (1 + G), a2 = q.a * (1 + G);
  const c1 = Math.hypot(a1, p.b), c2 = Math.hypot(a2, q.b);
  const h1 = c1 === 0 ? 0 : (Math.atan2(p.b, a1) * 180 / Math.PI + 360) % 360;
  const h2 = c2 === 0 ? 0 : (Math.atan2(q.b, a2) * 180 / Math.PI + 360) % 360;
  const dL = q.L - p.L, dC = c2 - c1;
  let dh = c1 * c2 === 0 ? 0 : h2 - h1;
  if (dh > 180) dh -= 360; else if (dh < -180) dh += 360;
  const dH = 2 * Math.sqrt(c1 * c2) * Math.sin(rad(dh / 2));
  const Lm = (p.L + q.L) / 2, cm = (c1 + c2) / 2;
  let hm = h1 + h2;
  if (c1 * c2 !== 0) hm = Math.abs(h1 - h2) > 180 ? (h1 + h2 + (h1 + h2 < 360 ? 360 : -360)) / 2 : (h1 + h2) / 2;
  const T = 1 - 0.17 * Math.cos(rad(hm - 30)) + 0.24 * Math.cos(rad(2 * hm)) + 0.32 * Math.cos(rad(3 * hm + 6)) - 0.2 * Math.cos(rad(4 * hm - 63));
  const SL = 1 + (0.015 * (Lm - 50) ** 2) / Math.sqrt(20 + (Lm - 50) ** 2);
  const SC = 1 + 0.045 * cm, SH = 1 + 0.015 * cm * T;
  const RT = -2 * Math.sqrt(cm ** 7 / (cm ** 7 + 25 ** 7)) * Math.sin(rad(60 * Math.exp(-(((hm - 275) / 25) ** 2))));
  return Math.sqrt((dL / SL) ** 2 + (dC / SC) ** 2 + (dH / SH) ** 2 + RT * (dC / SC) * (dH / SH));
}
