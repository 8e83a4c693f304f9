import { z } from 'zod';

/** How a camera's owner shares it. Closed by default: `none` until the owner chooses. */
export const SHARING_MODES = ['live', 'on_request', 'alarm_only', 'none'] as const;
export type SharingMode = (typeof SHARING_MODES)[number];

export const MOUNT_TYPES = ['wall', 'pole', 'window', 'roof', 'doorbell', 'other'] as const;
export const MASK_MODES = ['overlay', 'burn'] as const;
export const CAMERA_STATUSES = ['pending_attestation', 'online', 'offline', 'disabled'] as const;
export type CameraStatus = (typeof CAMERA_STATUSES)[number];

/** The network-wide cap on retention; a camera may keep less, never more. */
export const DEFAULT_MAX_RETENTION_DAYS = 30;

/** A privacy mask: a polygon in normalised image coordinates (0..1), blacked out always. */
export const privacyMaskSchema = z
  .array(z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]))
  .min(3, 'a mask needs at least three points')
  .max(64);

/** The fields a person sets on a camera; the hub adds ids, status and timestamps. */
export const cameraInputSchema = z.object({
  siteId: z.string().min(1),
  name: z.string().trim().min(1).max(120),
  lat: z.number().min(-90, 'latitude must be between -90 and 90').max(90, 'latitude must be between -90 and 90'),
  lon: z.number().min(-180, 'longitude must be between -180 and 180').max(180, 'longitude must be between -180 and 180'),
  headingDeg: z.number().min(0).max(360).default(0),
  fovDeg: z.number().gt(0, 'field of view must be more than 0 degrees').max(360).default(90),
  rangeM: z.number().gt(0).max(1000).default(40),
  mountType: z.enum(MOUNT_TYPES).default('wall'),
  sharingMode: z.enum(SHARING_MODES).default('none'),
  retentionDays: z.number().int().min(1).default(DEFAULT_MAX_RETENTION_DAYS),
  maskMode: z.enum(MASK_MODES).default('overlay'),
  privacyMasks: z.array(privacyMaskSchema).max(16).default([]),
  streamUrl: z.string().max(2000).nullable().default(null),
  publicViewAttested: z.boolean().default(false),
});
export type CameraInput = z.infer<typeof cameraInputSchema>;

/** A camera with status: active only once its owner attests it views public space only. */
export function initialCameraStatus(attested: boolean): CameraStatus {
  return attested ? 'offline' : 'pending_attestation';
}
