import type { CameraSource, DirectSource } from './camera-source.ts';
import { getOnvifStreams } from './onvif-camera.ts';
import { httpKindOf } from './stream-url.ts';

/**
 * A camera source as ffmpeg opens it: an ONVIF camera is asked for its RTSP URI (each time, as URIs may change
 * after a reboot); a plain HTTP camera is looked at (Content-Type) to tell MJPEG from snapshots.
 */
export async function resolveSource(source: CameraSource, fetchImpl: typeof fetch = fetch): Promise<DirectSource> {
  if (source.kind === 'http') {
    const controller = new AbortController();
    const res = await fetchImpl(source.url, { signal: AbortSignal.any([controller.signal, AbortSignal.timeout(5000)]) });
    controller.abort(); // headers are enough; an MJPEG body never ends
    if (!res.ok) throw new Error(`HTTP camera answered ${res.status}`);
    const kind = httpKindOf(res.headers.get('content-type'));
    return kind === 'snapshot' ? { kind, url: source.url, intervalMs: 1000 } : { kind, url: source.url };
  }
  if (source.kind !== 'onvif') return source;
  const streams = await getOnvifStreams({ hostname: source.hostname, port: source.port, username: source.username, password: source.password });
  const chosen = streams.find((x) => x.profileToken === source.profileToken) ?? streams[0];
  if (!chosen) throw new Error(`ONVIF camera ${source.hostname} reported no stream`);
  return { kind: 'rtsp', url: chosen.uri, transport: source.transport };
}
