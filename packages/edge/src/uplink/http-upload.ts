import { createReadStream } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import { CONTENT_SHA256_HEADER } from '@camnet/core';

/** What the hub said to an upload. */
export interface UploadResponse {
  status: number;
  body: unknown;
}

/**
 * Streams a file (or buffer) to the hub with POST, bearer credential and the edge's SHA-256 in X-Content-SHA256.
 * Resolves on 2xx; rejects otherwise (the caller reports the command as failed).
 */
export function uploadToHub(opts: {
  url: string;
  credential: string;
  body: { path: string } | { buffer: Buffer };
  bytes: number;
  sha256: string;
  contentType: string;
  timeoutMs?: number;
}): Promise<UploadResponse> {
  const url = new URL(opts.url);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${opts.credential}`,
        'content-type': opts.contentType,
        'content-length': String(opts.bytes),
        [CONTENT_SHA256_HEADER]: opts.sha256,
      },
      timeout: opts.timeoutMs ?? 120_000,
    });
    req.once('timeout', () => req.destroy(new Error('upload timed out')));
    req.once('error', reject);
    req.once('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        const body = parseJson(text);
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve({ status, body });
        else reject(new Error(`upload refused: HTTP ${status} ${text.slice(0, 200)}`));
      });
    });
    const source = 'path' in opts.body ? createReadStream(opts.body.path) : Readable.from([opts.body.buffer]);
    source.once('error', (e: Error) => req.destroy(e));
    source.pipe(req);
  });
}

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return text;
  }
}
