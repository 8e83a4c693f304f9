import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join, normalize } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobStore } from '../../features/clips/blob-store.ts';

/** Blobs as files under `root`; writes go to a temp file that is renamed into place once complete and fsynced. */
export function createFilesystemBlobStore(root: string): BlobStore {
  const pathOf = (key: string) => {
    const p = normalize(join(root, key));
    if (!p.startsWith(normalize(root) + '/')) throw new Error(`blob key escapes the store: ${key}`);
    return p;
  };
  return {
    async write(key, body) {
      const target = pathOf(key);
      const temp = `${target}.part-${process.pid}-${Date.now()}`;
      await mkdir(dirname(target), { recursive: true });
      const hash = createHash('sha256');
      let bytes = 0;
      const tap = new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          bytes += chunk.length;
          done(null, chunk);
        },
      });
      try {
        await pipeline(body, tap, createWriteStream(temp, { flush: true }));
        await rename(temp, target);
      } catch (e) {
        await rm(temp, { force: true });
        throw e;
      }
      return { bytes, sha256: hash.digest('hex') };
    },
    read: (key) => createReadStream(pathOf(key)),
    async exists(key) {
      try {
        await access(pathOf(key));
        return true;
      } catch {
        return false;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
