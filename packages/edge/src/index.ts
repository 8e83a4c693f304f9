// The edge agent's public surface: start it, configure it, enrol it; plus the pieces tools and tests reuse.
export { startEdge, AGENT_VERSION, type RunningEdge, type StartEdgeOptions } from './main.ts';
export { edgeConfigSchema, edgeCameraSchema, loadEdgeConfig, diskBudgetBytes, type EdgeConfig, type EdgeConfigInput, type EdgeCamera } from './config.ts';
export { cameraSourceSchema, redactSource, type CameraSource, type DirectSource } from './sources/camera-source.ts';
export { resolveFfmpegPath } from './sources/ffmpeg-binary.ts';
export { discoverOnvifCameras, getOnvifStreams, type DiscoveredCamera, type OnvifStream } from './sources/onvif-camera.ts';
export { enrolEdge, loadCredential, type EdgeCredential } from './uplink/enrolment.ts';
export type { Outbox, OutboxItem } from './outbox/outbox.ts';
export { createOutboxEventSink } from './outbox/outbox-event-sink.ts';
export type { Segment, Gap, Hold, SegmentIndex } from './recording/segment-index.ts';
export type { ClipService, ClipResult, SnapshotResult } from './clips/clip-service.ts';
export type { UplinkStatus, EdgeHealthSnapshot } from './uplink/ws-uplink.ts';
export { cameraAiConfigSchema, type CameraAiConfig } from './camera-ai/camera-ai-config.ts';
export { cameraAiPushSchema, type CameraAiPush } from './camera-ai/push-payload.ts';
