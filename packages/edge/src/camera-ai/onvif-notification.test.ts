import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { toVehicleEvent } from './camera-ai-event.ts';
import { notificationToCameraAiEvent, onvifBoxToPixels, topicOf } from './onvif-notification.ts';

// The notifications exactly as the onvif package hands them to its 'event' listeners (parseSOAPString + linerase).
const utils = createRequire(import.meta.url)('onvif/lib/utils.js') as {
  parseSOAPString(xml: string, cb: (err: Error | null, data: unknown) => void, status: number): void;
  linerase(data: unknown): unknown;
};
function notificationsOf(file: string): Promise<unknown[]> {
  const xml = readFileSync(new URL(`./fixtures/onvif/${file}.xml`, import.meta.url), 'utf8').replaceAll('NOW', '2026-11-22T16:03:20Z').replaceAll('TERM', '2026-11-22T16:05:20Z');
  return new Promise((resolve, reject) =>
    utils.parseSOAPString(xml, (err, data) => {
      if (err) return reject(err);
      const r = (utils.linerase(data) as { pullMessagesResponse: { notificationMessage?: unknown } }).pullMessagesResponse;
      resolve(Array.isArray(r.notificationMessage) ? r.notificationMessage : r.notificationMessage ? [r.notificationMessage] : []);
    }, 200),
  );
}

const T = Date.parse('2026-11-22T16:03:12.345Z');
const camera = { cameraId: 'gate-cam', frame: { width: 1920, height: 1080 } };

describe('ONVIF analytics notifications', () => {
  it('turns a Profile M licence plate recognition into a VehicleEvent (plate, likelihood, type, box in pixels)', async () => {
    const [lpr] = await notificationsOf('pull-messages-vehicles');
    expect(topicOf(lpr as Record<string, unknown>)).toBe('RuleEngine/Recognition/LicensePlate');
    const e = notificationToCameraAiEvent(lpr, camera);
    expect(e).toMatchObject({ cameraId: 'gate-cam', eventId: `onvif-${T}-7ABC123`, type: 'Truck', plate: { text: '7ABC 123', confidence: 0.87 } });
    expect(toVehicleEvent(e!)).toEqual({
      localId: `ai:gate-cam:onvif-${T}-7ABC123`, cameraId: 'gate-cam', startedAt: '2026-11-22T16:03:12.345Z', endedAt: '2026-11-22T16:03:12.345Z',
      type: 'truck', colour: null, colourConfidence: 0, colourAlt: null, plate: { text: '7ABC123', confidence: 0.87, chars: [], alternates: [] },
      direction: null, box: [720, 405, 720, 405], source: 'camera-ai',
    });
  });

  it('reads an AXIS License Plate Verifier event keyed by its car id', async () => {
    const [, axis] = await notificationsOf('pull-messages-vehicles');
    const e = toVehicleEvent(notificationToCameraAiEvent(axis, camera)!);
    expect(e).toMatchObject({ localId: 'ai:gate-cam:lpv-1087595', startedAt: new Date(1795194194509).toISOString(), type: 'unknown', plate: { text: '8XYZ042', confidence: 0.5 } });
  });

  it('ignores motion and deleted properties', async () => {
    const [, , motion, deleted] = await notificationsOf('pull-messages-vehicles');
    expect(notificationToCameraAiEvent(motion, camera)).toBeNull();
    expect(notificationToCameraAiEvent(deleted, camera)).toBeNull();
    expect(notificationToCameraAiEvent({}, camera)).toBeNull();
    expect(notificationToCameraAiEvent(null, camera)).toBeNull();
  });

  it('reads plain SimpleItems on vendor vehicle/plate topics, best effort', () => {
    const n = {
      topic: { _: 'tns1:RuleEngine/VehicleDetector/Vehicle' },
      message: { message: { $: { UtcTime: new Date('2026-11-22T16:00:00Z') }, data: { simpleItem: [
        { $: { Name: 'ObjectId', Value: 42 } }, { $: { Name: 'VehicleType', Value: 'Pick-up' } }, { $: { Name: 'Color', Value: 'Dark Grey' } },
        { $: { Name: 'PlateNumber', Value: 'ab 12' } }, { $: { Name: 'Likelihood', Value: 0.7 } },
      ] } } },
    };
    expect(toVehicleEvent(notificationToCameraAiEvent(n, camera)!)).toMatchObject({ localId: 'ai:gate-cam:onvif-42', type: 'pickup', colour: 'gray', plate: { text: 'AB12', confidence: 0.7 } });
  });

  it('converts ONVIF normalised rectangles (y up) to pixel boxes, or none without a frame size', () => {
    expect(onvifBoxToPixels({ left: -1, right: 1, top: 1, bottom: -1 }, { width: 640, height: 360 })).toEqual([0, 0, 640, 360]);
    expect(onvifBoxToPixels({ left: 0, right: 0.5, top: 0, bottom: -0.5 }, { width: 100, height: 100 })).toEqual([50, 50, 25, 25]);
    expect(onvifBoxToPixels({ left: 0, right: 0.5, top: 0, bottom: -0.5 }, null)).toBeNull();
  });
});
