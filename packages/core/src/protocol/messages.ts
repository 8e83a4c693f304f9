import { z } from 'zod';

/** Version of the hub ⇄ edge protocol; the edge sends it in `hello`, the hub refuses majors it does not speak. */
export const PROTOCOL_VERSION = 1;

const base = { id: z.string().min(1) };

export const cameraHealthSchema = z.object({
  cameraId: z.string(),
  online: z.boolean(),
  fps: z.number().min(0),
  lastFrameAt: z.string().nullable(),
});

export const helloSchema = z.object({
  ...base,
  type: z.literal('hello'),
  protocolVersion: z.number().int(),
  agentVersion: z.string(),
  edgeTime: z.string(),
});

export const heartbeatSchema = z.object({
  ...base,
  type: z.literal('heartbeat'),
  edgeTime: z.string(),
  clockOffsetMs: z.number(),
  diskUsedBytes: z.number().min(0),
  diskBudgetBytes: z.number().min(0),
  cameras: z.array(cameraHealthSchema),
});

/** Messages an edge sends to the hub. */
export const edgeMessageSchema = z.discriminatedUnion('type', [helloSchema, heartbeatSchema]);
export type EdgeMessage = z.infer<typeof edgeMessageSchema>;

export const ackSchema = z.object({ ...base, type: z.literal('ack'), of: z.string() });
export const welcomeSchema = z.object({ ...base, type: z.literal('welcome'), edgeId: z.string(), hubTime: z.string() });
export const errorMessageSchema = z.object({ ...base, type: z.literal('error'), errorId: z.string(), message: z.string() });

/** Messages the hub sends to an edge. */
export const hubMessageSchema = z.discriminatedUnion('type', [ackSchema, welcomeSchema, errorMessageSchema]);
export type HubMessage = z.infer<typeof hubMessageSchema>;
