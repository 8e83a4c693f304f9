import { z } from 'zod';

const cameraId = z.string().min(1).max(100).regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, . _ - only').describe('Camera id (the hub registry id)');

/** One camera allowed to push events, with its shared secret. */
export const pushCameraSchema = z.object({
  cameraId,
  secret: z.string().min(16).max(200).describe('Shared secret (Bearer token, or the password of HTTP basic with the camera id as user); never logged'),
});

/** The HTTP push endpoint where cameras POST their events; off unless this section is present. */
export const httpPushConfigSchema = z.object({
  host: z.string().min(1).default('127.0.0.1').describe('Address to listen on; 0.0.0.0 to accept cameras on the LAN'),
  port: z.number().int().min(0).max(65_535).default(8788).describe('TCP port (0: any free port)'),
  maxBodyKiB: z.number().int().min(1).max(8192).default(1024).describe('Largest request body accepted (images included)'),
  cameras: z.array(pushCameraSchema).min(1).max(256).describe('Cameras allowed to push, each with its own secret'),
});

/** One ONVIF camera whose analytics events (PullPoint subscription) become vehicle events. */
export const onvifAnalyticsCameraSchema = z.object({
  cameraId,
  hostname: z.string().min(1).describe('Camera address'),
  port: z.number().int().min(1).max(65_535).default(80).describe('ONVIF HTTP port'),
  username: z.string().max(100).default('').describe('ONVIF user'),
  password: z.string().max(200).default('').describe('ONVIF password (secret)'),
  frameWidth: z.number().int().min(1).max(16_384).nullable().default(null).describe('Source width for boxes; null: the first profile’s'),
  frameHeight: z.number().int().min(1).max(16_384).nullable().default(null).describe('Source height for boxes; null: the first profile’s'),
  retryMinMs: z.number().int().min(10).max(60_000).default(1000).describe('First retry delay after a failed subscription (doubling)'),
  retryMaxMs: z.number().int().min(100).max(600_000).default(60_000).describe('Longest retry delay'),
});

/** Events from cameras with built-in AI: an HTTP push endpoint and ONVIF analytics subscriptions (both off by default). */
export const cameraAiConfigSchema = z.object({
  push: httpPushConfigSchema.nullable().default(null).describe('HTTP push endpoint; null: off'),
  onvif: z.array(onvifAnalyticsCameraSchema).max(64).default([]).describe('ONVIF cameras to subscribe to'),
});
/** Parsed camera-AI configuration. */
export type CameraAiConfig = z.infer<typeof cameraAiConfigSchema>;
/** Parsed HTTP push configuration. */
export type HttpPushConfig = z.infer<typeof httpPushConfigSchema>;
/** Parsed ONVIF analytics camera. */
export type OnvifAnalyticsCamera = z.infer<typeof onvifAnalyticsCameraSchema>;
