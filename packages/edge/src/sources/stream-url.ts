import type { CameraSource } from './camera-source.ts';

/**
 * The source for a stream URL as the hub's registry stores it: `rtsp(s)://…` (TCP; append `#udp` for UDP),
 * `http(s)://…` (MJPEG or JPEG snapshot, told apart at start), `file:///path` (looped), or
 * `onvif://user:pass@host[:port][/?profile=TOKEN]` (asks the camera for its RTSP URI). Null when unsupported.
 */
export function sourceFromStreamUrl(streamUrl: string): CameraSource | null {
  let u: URL;
  try {
    u = new URL(streamUrl);
  } catch {
    return null;
  }
  switch (u.protocol) {
    case 'rtsp:':
    case 'rtsps:': {
      const transport = u.hash.toLowerCase() === '#udp' ? 'udp' : 'tcp';
      u.hash = '';
      return { kind: 'rtsp', url: u.toString(), transport };
    }
    case 'http:':
    case 'https:':
      return { kind: 'http', url: streamUrl };
    case 'file:':
      return { kind: 'file', path: decodeURIComponent(u.pathname), loop: true };
    case 'onvif:':
      return {
        kind: 'onvif', hostname: u.hostname, port: u.port ? Number(u.port) : 80,
        username: decodeURIComponent(u.username), password: decodeURIComponent(u.password),
        profileToken: u.searchParams.get('profile'), transport: u.hash.toLowerCase() === '#udp' ? 'udp' : 'tcp',
      };
    default:
      return null;
  }
}

/** Which HTTP camera a Content-Type announces: a multipart MJPEG stream, or one JPEG per request. */
export function httpKindOf(contentType: string | null): 'mjpeg' | 'snapshot' {
  return /^image\/(jpeg|jpg|pjpeg)\b/i.test(contentType ?? '') ? 'snapshot' : 'mjpeg';
}
