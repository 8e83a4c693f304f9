/** Reads the hub's live MJPEG (multipart/x-mixed-replace) with fetch, so each frame's capture time (X-Frame-Taken-At) is known. */

/** One decoded part: the JPEG and when the edge captured it. */
export interface MjpegFrame {
  jpeg: Blob;
  takenAt: number;
}

const CRLF2 = [13, 10, 13, 10];

function indexOf(buf: Uint8Array, pattern: number[], from: number): number {
  outer: for (let i = from; i <= buf.length - pattern.length; i++) {
    for (let j = 0; j < pattern.length; j++) if (buf[i + j] !== pattern[j]) continue outer;
    return i;
  }
  return -1;
}

/** Splits complete parts off the front of `buf`; returns the frames and the unconsumed rest. */
export function takeParts(buf: Uint8Array<ArrayBuffer>): { frames: MjpegFrame[]; rest: Uint8Array<ArrayBuffer> } {
  const frames: MjpegFrame[] = [];
  let at = 0;
  for (;;) {
    const headEnd = indexOf(buf, CRLF2, at);
    if (headEnd < 0) break;
    const head = new TextDecoder().decode(buf.subarray(at, headEnd));
    const length = Number(/content-length:\s*(\d+)/i.exec(head)?.[1] ?? NaN);
    if (!Number.isFinite(length)) {
      at = headEnd + 4; // a part without a length cannot be framed: skip its header
      continue;
    }
    const start = headEnd + 4;
    if (buf.length < start + length) break;
    const takenAt = Date.parse(/x-frame-taken-at:\s*(\S+)/i.exec(head)?.[1] ?? '') || Date.now();
    frames.push({ jpeg: new Blob([buf.slice(start, start + length)], { type: 'image/jpeg' }), takenAt });
    at = start + length;
  }
  return { frames, rest: buf.slice(at) };
}

/** Streams `url` until `signal` aborts, calling `onFrame` for each JPEG; rejects when the stream fails or ends. */
export async function readMjpeg(url: string, signal: AbortSignal, onFrame: (f: MjpegFrame) => void): Promise<void> {
  const res = await fetch(url, { credentials: 'same-origin', signal });
  if (!res.ok || !res.body) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `The hub answered ${res.status}.`);
  }
  const reader = res.body.getReader();
  let buf: Uint8Array<ArrayBuffer> = new Uint8Array(0);
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error('The live stream ended.');
    const joined = new Uint8Array(buf.length + value.length);
    joined.set(buf);
    joined.set(value, buf.length);
    const { frames, rest } = takeParts(joined);
    buf = rest;
    for (const f of frames) onFrame(f);
  }
}
