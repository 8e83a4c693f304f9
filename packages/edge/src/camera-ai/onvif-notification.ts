import type { Box } from '@camnet/core';
import { UNSTATED_CONFIDENCE, type CameraAiEvent } from './camera-ai-event.ts';

// Notifications arrive as the onvif package parses them (xml2js + linerase): prefixes stripped, element names
// lower-camel-cased, attributes under `$`, text beside attributes under `_`, one-element lists unwrapped, and
// numeric/date-like strings already turned into numbers/Dates.
type Node = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** What the parser needs to know about the camera a notification came from. */
export interface OnvifSourceCamera {
  cameraId: string;
  /** Source resolution, to turn ONVIF's normalised boxes into pixels; null leaves the box unknown. */
  frame: { width: number; height: number } | null;
}

/** The notification topics camnet turns into vehicle events (documented in docs/camera-ai.md). */
export const SUPPORTED_TOPICS = {
  /** ONVIF Analytics Service, annex "Recognition rule engines" (Profile M). */
  licensePlateRecognition: 'RuleEngine/Recognition/LicensePlate',
  /** AXIS License Plate Verifier (VAPIX "Real time events API"). */
  axisLicensePlateVerifier: 'CameraApplicationPlatform/LPR',
} as const;

/** Maps one ONVIF NotificationMessage to a camera event; null when it is not a vehicle/plate event. */
export function notificationToCameraAiEvent(notification: unknown, camera: OnvifSourceCamera): CameraAiEvent | null {
  const n = notification as Node;
  const topic = topicOf(n);
  const message = n?.message?.message as Node | undefined;
  if (!topic || !message || message.$?.PropertyOperation === 'Deleted') return null;
  const at = instant(message.$?.UtcTime);
  if (at === null) return null;
  const data = simpleItems(message.data);
  if (topic === SUPPORTED_TOPICS.licensePlateRecognition) return fromRecognition(message, data, at, camera);
  if (topic === SUPPORTED_TOPICS.axisLicensePlateVerifier) return fromAxisLpv(data, at, camera);
  if (/LicensePlate|Vehicle/i.test(topic)) return fromGenericItems(data, at, camera);
  return null;
}

/** The topic without its namespace prefix ("tns1:RuleEngine/…" → "RuleEngine/…"). */
export function topicOf(n: Node | null | undefined): string | null {
  const raw = typeof n?.topic === 'string' ? n.topic : n?.topic?._;
  return typeof raw === 'string' ? raw.trim().replace(/^[A-Za-z0-9_-]+:/, '') : null;
}

function fromRecognition(message: Node, data: Map<string, string>, at: number, camera: OnvifSourceCamera): CameraAiEvent {
  const elements = elementItems(message.data);
  const plate = elements.get('LicensePlateInfo')?.licensePlateInfo?.plateNumber;
  const vehicleType = elements.get('VehicleInfo')?.vehicleInfo?.type;
  const likelihood = numberOr(data.get('Likelihood'), null);
  const text = textOf(plate);
  const rect = elements.get('BoundingBox')?.rectangle?.$;
  return {
    ...base(camera, `onvif-${at}-${text ? text.replace(/[^A-Za-z0-9]/g, '') : 'vehicle'}`, at),
    type: textOf(vehicleType),
    plate: text ? { text, confidence: numberOr(plate?.$?.Likelihood, likelihood ?? UNSTATED_CONFIDENCE) } : null,
    box: rect ? onvifBoxToPixels(rect, camera.frame) : null,
  };
}

function fromAxisLpv(data: Map<string, string>, at: number, camera: OnvifSourceCamera): CameraAiEvent | null {
  const carId = data.get('carID');
  const text = data.get('text');
  if (!carId) return null;
  const captured = numberOr(data.get('capture_timestamp'), null);
  return { ...base(camera, `lpv-${carId}`, captured ?? at), plate: text ? { text, confidence: UNSTATED_CONFIDENCE } : null };
}

// Best effort for vendor topics that carry plain SimpleItems; no vendor's exact shape is claimed.
function fromGenericItems(data: Map<string, string>, at: number, camera: OnvifSourceCamera): CameraAiEvent | null {
  const pick = (...names: string[]) => names.map((k) => [...data].find(([n]) => n.toLowerCase() === k.toLowerCase())?.[1]).find((v) => v);
  const text = pick('PlateNumber', 'LicensePlate', 'Plate', 'PlateText');
  const type = pick('VehicleType', 'Type', 'Class', 'ObjectType');
  if (!text && !type) return null;
  const id = pick('EventId', 'ObjectId', 'TrackId') ?? `${at}-${text ?? type}`;
  return {
    ...base(camera, `onvif-${String(id).replace(/[^A-Za-z0-9._:-]/g, '')}`.slice(0, 60), at),
    type: type ?? null, colour: pick('VehicleColor', 'VehicleColour', 'Color', 'Colour') ?? null,
    plate: text ? { text, confidence: numberOr(pick('PlateLikelihood', 'Likelihood', 'Confidence'), UNSTATED_CONFIDENCE) } : null,
    direction: pick('Direction') ?? null,
  };
}

function base(camera: OnvifSourceCamera, eventId: string, atMs: number): CameraAiEvent {
  const iso = new Date(atMs).toISOString();
  return { cameraId: camera.cameraId, eventId, startedAt: iso, endedAt: iso, type: null, colour: null, colourConfidence: null, plate: null, direction: null, box: null };
}

/** ONVIF normalised rectangle (-1..1, y up) → [x, y, w, h] in source pixels; null without a frame size. */
export function onvifBoxToPixels(r: { left?: unknown; right?: unknown; top?: unknown; bottom?: unknown }, frame: OnvifSourceCamera['frame']): Box | null {
  const [l, rt, t, b] = [r.left, r.right, r.top, r.bottom].map((v) => numberOr(v, NaN));
  if (!frame || ![l, rt, t, b].every((v) => Number.isFinite(v))) return null;
  const [top, bottom] = t! >= b! ? [t!, b!] : [b!, t!];
  const px = (v: number, size: number) => Math.round(((v + 1) / 2) * size);
  return [px(Math.min(l!, rt!), frame.width), Math.round(((1 - top) / 2) * frame.height), Math.round((Math.abs(rt! - l!) / 2) * frame.width), Math.round(((top - bottom) / 2) * frame.height)];
}

function list(v: unknown): Node[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v as Node];
}

function simpleItems(data: Node | undefined): Map<string, string> {
  return new Map(list(data?.simpleItem).map((i) => [String(i.$?.Name ?? ''), i.$?.Value === undefined ? '' : String(i.$.Value)]));
}

function elementItems(data: Node | undefined): Map<string, Node> {
  return new Map(list(data?.elementItem).map((i) => [String(i.$?.Name ?? ''), i]));
}

function textOf(v: unknown): string | null {
  const t = typeof v === 'object' && v !== null ? (v as Node)._ : v;
  return t === undefined || t === null || String(t).trim() === '' ? null : String(t).trim();
}

function numberOr<T>(v: unknown, fallback: T): number | T {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : fallback;
}

function instant(v: unknown): number | null {
  const ms = v instanceof Date ? v.getTime() : typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(ms) ? ms : null;
}
