import { z } from 'zod';
import { privacyMaskSchema } from '../camera.ts';

/** One camera an edge must serve, as the hub's registry says. The stream URL is secret and travels only here. */
export const edgeCameraConfigSchema = z.object({
  cameraId: z.string().min(1),
  name: z.string(),
  /** rtsp(s)://… (append `#udp` for UDP transport), http(s)://… MJPEG or JPEG snapshot URL, or file:///path for a looped file. */
  streamUrl: z.string().nullable(),
  retentionDays: z.number().int().min(1),
  maskMode: z.enum(['overlay', 'burn']),
  privacyMasks: z.array(privacyMaskSchema),
  headingDeg: z.number(),
});
export type EdgeCameraConfig = z.infer<typeof edgeCameraConfigSchema>;

/** Hub → edge, after `welcome` and whenever the registry changes: the complete list of cameras to serve. */
export const camerasConfigSchema = z.object({
  id: z.string().min(1),
  type: z.literal('cameras.config'),
  cameras: z.array(edgeCameraConfigSchema),
});
export type CamerasConfig = z.infer<typeof camerasConfigSchema>;
