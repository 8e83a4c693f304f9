import { describe, expect, it } from 'vitest';
import { httpKindOf, sourceFromStreamUrl } from './stream-url.ts';

describe('sourceFromStreamUrl', () => {
  it('reads RTSP over TCP by default and UDP with #udp', () => {
    expect(sourceFromStreamUrl('rtsp://u:p@10.0.0.5:554/Streaming/101')).toEqual({ kind: 'rtsp', url: 'rtsp://u:p@10.0.0.5:554/Streaming/101', transport: 'tcp' });
    expect(sourceFromStreamUrl('rtsp://10.0.0.5/s#udp')).toEqual({ kind: 'rtsp', url: 'rtsp://10.0.0.5/s', transport: 'udp' });
  });
  it('reads HTTP (kind decided at start), looped files and ONVIF', () => {
    expect(sourceFromStreamUrl('http://cam/video.mjpg')).toEqual({ kind: 'http', url: 'http://cam/video.mjpg' });
    expect(sourceFromStreamUrl('file:///srv/demo/street%201.mp4')).toEqual({ kind: 'file', path: '/srv/demo/street 1.mp4', loop: true });
    expect(sourceFromStreamUrl('onvif://admin:p%40ss@192.168.1.64:8000/?profile=Profile_2')).toEqual({
      kind: 'onvif', hostname: '192.168.1.64', port: 8000, username: 'admin', password: 'p@ss', profileToken: 'Profile_2', transport: 'tcp',
    });
  });
  it('refuses what it cannot record', () => {
    expect(sourceFromStreamUrl('ftp://x/y')).toBeNull();
    expect(sourceFromStreamUrl('not a url')).toBeNull();
  });
});

describe('httpKindOf', () => {
  it('tells single JPEGs from multipart MJPEG', () => {
    expect(httpKindOf('image/jpeg')).toBe('snapshot');
    expect(httpKindOf('multipart/x-mixed-replace; boundary=frame')).toBe('mjpeg');
    expect(httpKindOf(null)).toBe('mjpeg');
  });
});
