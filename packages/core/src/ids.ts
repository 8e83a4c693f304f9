import { randomBytes } from '@noble/hashes/utils.js';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

// Ids draw their random bits from a pool refilled 4 KiB at a time: one call into the CSPRNG per 256 ids instead of
// one per id (each call costs more than the id itself; a busy hub makes several ids per request).
const POOL = new Uint8Array(4096);
let poolAt = POOL.length;

/** A UUIDv7: time-ordered (sortable by creation), 74 random bits. `nowMs` is injectable for tests. */
export function newId(nowMs: number = Date.now()): string {
  if (poolAt + 16 > POOL.length) {
    POOL.set(randomBytes(POOL.length));
    poolAt = 0;
  }
  const b = POOL.slice(poolAt, poolAt + 16);
  poolAt += 16;
  let t = nowMs;
  for (let i = 5; i >= 0; i--) {
    b[i] = t % 256;
    t = Math.floor(t / 256);
  }
  b[6] = 0x70 | (b[6]! & 0x0f);
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = Array.from(b, (x) => HEX[x]).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A random secret as URL-safe base64 (tokens, enrolment codes). */
export function newSecret(bytes = 32): string {
  const b = randomBytes(bytes);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const x of b) {
    acc = (acc << 8) | x;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += alphabet[(acc >> bits) & 63];
    }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) out += alphabet[(acc << (6 - bits)) & 63];
  return out;
}
