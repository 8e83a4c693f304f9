import type { Readable } from 'node:stream';

/** Where clips and images the hub holds are kept; writing hashes what it stores. */
export interface BlobStore {
  /** Streams `body` to `key`, returning its size and SHA-256 as written. Nothing is left at `key` on failure. */
  write(key: string, body: Readable): Promise<{ bytes: number; sha256: string }>;
  read(key: string): Readable;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
}
