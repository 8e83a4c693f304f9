import type { CameraAiConfig } from './camera-ai-config.ts';
import { CameraAiEventError, publishCameraAiEvent, type CameraAiPublish } from './camera-ai-event.ts';
import { startHttpPushServer, type HttpPushServer } from './http-push-server.ts';
import { startOnvifEventSubscriber, type OnvifEventSubscriber } from './onvif-event-subscriber.ts';

/** Running camera-AI sources: the push endpoint (if configured) and one ONVIF subscription per camera. */
export interface CameraAiSources {
  /** Base URL of the push endpoint, null when it is off. */
  pushUrl: string | null;
  stop(): Promise<void>;
}

/** What camera-AI sources need from the edge: their config section, the outbox, a logger. */
export interface CameraAiDeps {
  config: CameraAiConfig;
  publish: CameraAiPublish;
  log?: (msg: string, extra?: Record<string, unknown>) => void;
}

/** Starts the HTTP push endpoint and the ONVIF analytics subscriptions that the config names; both are off by default. */
export async function startCameraAi({ config, publish, log = () => undefined }: CameraAiDeps): Promise<CameraAiSources> {
  const push: HttpPushServer | null = config.push ? await startHttpPushServer({ config: config.push, publish, log }) : null;
  const onEvent = (e: Parameters<typeof publishCameraAiEvent>[1]) => {
    try {
      publishCameraAiEvent(publish, e);
    } catch (err) {
      if (!(err instanceof CameraAiEventError)) throw err;
      log('camera-ai: event skipped', { cameraId: e.cameraId, eventId: e.eventId, error: err.id, message: err.message });
    }
  };
  const subscribers: OnvifEventSubscriber[] = config.onvif.map((camera) => startOnvifEventSubscriber({ camera, onEvent, log }));
  return {
    pushUrl: push?.url ?? null,
    async stop() {
      await Promise.all([push?.stop(), ...subscribers.map((s) => s.stop())]);
    },
  };
}
