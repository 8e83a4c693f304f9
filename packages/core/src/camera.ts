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

const cameraFields = {
  siteId: z.string().min(1),
  name: z.string().trim().min(1).max(120),
  lat: z.number().min(-90, 'latitude must be between -90 and 90').max(90, 'latitude must be between -90 and 90'),
  lon: z.number().min(-180, 'longitude must be between -180 and 180').max(180, 'longitude must be between -180 and 180'),
  headingDeg: z.number().min(0).max(360),
  fovDeg: z.number().gt(0, 'field of view must be more than 0 degrees').max(360),
  rangeM: z.number().gt(0).max(1000),
  mountType: z.enum(MOUNT_TYPES),
  sharingMode: z.enum(SHARING_MODES),
  retentionDays: z.number().int().min(1),
  maskMode: z.enum(MASK_MODES),
  privacyMasks: z.array(privacyMaskSchema).max(16),
  streamUrl: z.string().max(2000).nullable(),
  publicViewAttested: z.boolean(),
};

/** The fields a person sets on a camera; the hub adds ids, status and timestamps. Sharing is closed by default. */
export const cameraInputSchema = z.object({
  ...cameraFields,
  headingDeg: cameraFields.headingDeg.default(0),
  fovDeg: cameraFields.fovDeg.default(90),
  rangeM: cameraFields.rangeM.default(40),
  mountType: cameraFields.mountType.default('wall'),
  sharingMode: cameraFields.sharingMode.default('none'),
  retentionDays: cameraFields.retentionDays.default(DEFAULT_MAX_RETENTION_DAYS),
  maskMode: cameraFields.maskMode.default('overlay'),
  privacyMasks: cameraFields.privacyMasks.default([]),
  streamUrl: cameraFields.streamUrl.default(null),
  publicViewAttested: cameraFields.publicViewAttested.default(false),
});
export type CameraInput = z.infer<typeof cameraInputSchema>;

/** A partial change: only the fields sent change (no defaults fill in); a camera never moves to another site. */
export const cameraPatchSchema = z.object(cameraFields).omit({ siteId: true }).partial();
export type CameraPatch = z.infer<typeof cameraPatchSchema>;

/** A camera with status: active only once its owner attests it views public space only. */
export function initialCameraStatus(attested: boolean): CameraStatus {
  return attested ? 'offline' : 'pending_attestation';
}
