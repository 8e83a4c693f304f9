import { createRequire } from 'node:module';
// onvif is CommonJS: Node's ESM loader sees `Cam` but not `Discovery` as a named export; take that off the default.
import onvif, { Cam } from 'onvif';

const Discovery: typeof onvif.Discovery = onvif.Discovery;

/** A camera that answered WS-Discovery. */
export interface DiscoveredCamera {
  urn: string;
  /** Device service URLs, IPv4 first. */
  xaddrs: string[];
  name: string | null;
  hardware: string | null;
  location: string | null;
  scopes: string[];
}

/** One media profile's RTSP stream as reported by GetStreamUri. */
export interface OnvifStream {
  profileToken: string;
  profileName: string;
  width: number | null;
  height: number | null;
  encoding: string | null;
  /** RTSP URL with the credentials inserted (a secret). */
  uri: string;
}

interface RawProbeMatch {
  probeMatches?: { probeMatch?: { endpointReference?: { address?: string }; scopes?: string; XAddrs?: string } };
}

/** Maps one raw (onvif-parsed) WS-Discovery ProbeMatch to a DiscoveredCamera; null if it is not one. */
export function toDiscoveredCamera(raw: RawProbeMatch): DiscoveredCamera | null {
  const match = raw.probeMatches?.probeMatch;
  const urn = match?.endpointReference?.address;
  if (!match || !urn || !match.XAddrs) return null;
  const scopes = String(match.scopes ?? '').split(/\s+/).filter(Boolean);
  const scope = (name: string) => {
    const prefix = `onvif://www.onvif.org/${name}/`;
    const hit = scopes.find((s) => s.startsWith(prefix));
    return hit ? decodeURIComponent(hit.slice(prefix.length)) : null;
  };
  const xaddrs = match.XAddrs.split(/\s+/).filter(Boolean);
  xaddrs.sort((a, b) => Number(a.includes('[')) - Number(b.includes('[')));
  return { urn, xaddrs, name: scope('name'), hardware: scope('hardware'), location: scope('location'), scopes };
}

/** Parses a ProbeMatch SOAP message with the onvif package's own parser (what discovery sees on the wire). */
export function parseProbeMatchXml(xml: string): Promise<DiscoveredCamera | null> {
  const utils = createRequire(import.meta.url)('onvif/lib/utils.js') as {
    parseSOAPString(xml: string, cb: (err: Error | null, data: unknown) => void, status: number): void;
    linerase(data: unknown): unknown;
  };
  return new Promise((resolve, reject) => {
    utils.parseSOAPString(xml, (err, data) => (err ? reject(err) : resolve(toDiscoveredCamera(utils.linerase(data) as RawProbeMatch))), 200);
  });
}

/** Sends a WS-Discovery probe on the LAN and collects the cameras that answer within `timeoutMs`. */
export function discoverOnvifCameras(opts: { timeoutMs?: number; listeningPort?: number } = {}): Promise<DiscoveredCamera[]> {
  return new Promise((resolve) => {
    const options = { resolve: false, timeout: opts.timeoutMs ?? 3000, listeningPort: opts.listeningPort };
    const onError = () => undefined; // a stray non-ONVIF datagram must not end discovery
    Discovery.on('error', onError);
    Discovery.probe(options, (_err: unknown, found?: unknown[]) => {
      Discovery.removeListener('error', onError);
      const cams = (found ?? []).map((raw) => toDiscoveredCamera(raw as RawProbeMatch));
      resolve(cams.filter((c): c is DiscoveredCamera => c !== null));
    });
  });
}

/** Connects to an ONVIF camera and reads every profile's RTSP URI (GetProfiles + GetStreamUri), credentials inserted. */
export async function getOnvifStreams(target: { hostname: string; port: number; username: string; password: string; timeoutMs?: number }): Promise<OnvifStream[]> {
  const cam = await connectCam(target);
  const profiles = (cam.profiles ?? []) as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const streams: OnvifStream[] = [];
  for (const p of profiles) {
    const token = String(p.$?.token ?? '');
    const uri = await new Promise<string>((resolve, reject) =>
      cam.getStreamUri({ protocol: 'RTSP', profileToken: token }, (err, data) => (err || !data ? reject(err ?? new Error('no stream uri')) : resolve(String(data.uri)))),
    );
    const enc = p.videoEncoderConfiguration;
    streams.push({
      profileToken: token,
      profileName: String(p.name ?? token),
      width: numberOrNull(enc?.resolution?.width),
      height: numberOrNull(enc?.resolution?.height),
      encoding: enc?.encoding ? String(enc.encoding) : null,
      uri: withCredentials(uri, target.username, target.password),
    });
  }
  return streams;
}

function connectCam(target: { hostname: string; port: number; username: string; password: string; timeoutMs?: number }): Promise<Cam> {
  return new Promise((resolve, reject) => {
    const cam: Cam = new Cam(
      { hostname: target.hostname, port: target.port, username: target.username || undefined, password: target.password || undefined, timeout: target.timeoutMs ?? 5000, autoconnect: false },
    );
    cam.connect((err) => (err ? reject(err) : resolve(cam)));
  });
}

/** The RTSP URL with user and password set (cameras answer GetStreamUri without them). */
export function withCredentials(uri: string, username: string, password: string): string {
  if (!username) return uri;
  const u = new URL(uri);
  u.username = encodeURIComponent(username);
  u.password = encodeURIComponent(password);
  return u.toString();
}

function numberOrNull(v: unknown): number | null {
  const n = Number(v);
  return Number.isFinite(n) && v !== undefined && v !== '' ? n : null;
}
