import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { PasswordHasher } from '../../features/users/password-hasher.ts';

const N = 16384;
const R = 8;
const P = 1;
const KEYLEN = 64;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEYLEN, { N: n, r, p, maxmem: 128 * n * r * 2 }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** scrypt (N=2^14, r=8, p=1), stored as `scrypt$N$r$p$salt$hash` so parameters can rise later. */
export function createScryptPasswordHasher(): PasswordHasher {
  return {
    async hash(password) {
      const salt = randomBytes(16);
      const key = await derive(password, salt, N, R, P);
      return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
    },
    async verify(password, stored) {
      const [alg, n, r, p, salt, hash] = stored.split('$');
      if (alg !== 'scrypt' || !salt || !hash) return false;
      const expected = Buffer.from(hash, 'base64');
      const key = await derive(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
      return key.length === expected.length && timingSafeEqual(key, expected);
    },
  };
}
