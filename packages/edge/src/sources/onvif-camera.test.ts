import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverOnvifCameras, getOnvifStreams, parseProbeMatchXml, withCredentials } from './onvif-camera.ts';

// Device responses written from the ONVIF Core and Media specs (shapes as a Profile S camera sends them).
const fixture = (name: string) => readFileSync(new URL(`./fixtures/onvif/${name}.xml`, import.meta.url), 'utf8');

/** A recorded ONVIF device: answers each SOAP action with its fixture; GetServices is "not implemented". */
function startRecordedDevice(): Promise<{ server: Server; port: number; actions: string[] }> {
  const actions: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const action = /<(Get[A-Za-z]+)[\s>/]/.exec(body)?.[1] ?? 'unknown';
      actions.push(action);
      const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
      const file = { GetSystemDateAndTime: 'get-system-date-and-time', GetCapabilities: 'get-capabilities', GetProfiles: 'get-profiles', GetVideoSources: 'get-video-sources', GetStreamUri: 'get-stream-uri' }[action];
      const token = /<ProfileToken>([^<]+)</.exec(body)?.[1] ?? '';
      const xml = (file ? fixture(file) : fixture('action-not-supported-fault')).replaceAll('CAMHOST', host).replaceAll('CAMIP', '127.0.0.1').replace('PROFILE', token);
      res.writeHead(file ? 200 : 400, { 'content-type': 'application/soap+xml; charset=utf-8' }).end(xml);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port, actions })));
}

describe('ONVIF', () => {
  let device: Awaited<ReturnType<typeof startRecordedDevice>>;
  beforeAll(async () => (device = await startRecordedDevice()));
  afterAll(() => device.server.close());

  it('parses a WS-Discovery ProbeMatch: urn, IPv4 address first, name and hardware from scopes', async () => {
    const cam = await parseProbeMatchXml(fixture('probe-match'));
    expect(cam).toEqual({
      urn: 'urn:uuid:5f5a69c2-e0ae-504f-829b-00fc1b2a3c4d',
      xaddrs: ['http://192.168.1.64/onvif/device_service', 'http://[fe80::4619:b6ff:fe2a:3c4d]/onvif/device_service'],
      name: 'Corner Shop Cam',
      hardware: 'DS-2CD2043G2',
      location: 'city/Springfield',
      scopes: expect.arrayContaining(['onvif://www.onvif.org/Profile/Streaming']),
    });
  });

  it('discovers a camera that answers the probe (reply sent to the probing socket)', async () => {
    const port = 39000 + Math.floor(Math.random() * 1000);
    const found = discoverOnvifCameras({ timeoutMs: 600, listeningPort: port });
    const sock = createSocket('udp4');
    await new Promise((r) => setTimeout(r, 150));
    const msg = Buffer.from(fixture('probe-match'));
    await new Promise<void>((r) => sock.send(msg, port, '127.0.0.1', () => r()));
    sock.close();
    const cams = await found;
    expect(cams.map((c) => c.name)).toEqual(['Corner Shop Cam']);
  });

  it('reads each profile’s RTSP URI through the onvif client and inserts credentials', async () => {
    const streams = await getOnvifStreams({ hostname: '127.0.0.1', port: device.port, username: 'viewer', password: 'p@ss word' });
    expect(streams.map((s) => [s.profileToken, s.profileName, s.width, s.height, s.encoding])).toEqual([
      ['Profile_1', 'mainStream', 1920, 1080, 'H264'],
      ['Profile_2', 'subStream', 640, 360, 'H264'],
    ]);
    expect(streams[0]!.uri).toBe(`rtsp://viewer:p%40ss%20word@127.0.0.1:554/Streaming/Channels/Profile_1?transportmode=unicast`);
    expect(device.actions).toContain('GetStreamUri');
  });

  it('leaves a URI alone when there is no user', () => {
    expect(withCredentials('rtsp://10.0.0.2/s', '', '')).toBe('rtsp://10.0.0.2/s');
  });
});
