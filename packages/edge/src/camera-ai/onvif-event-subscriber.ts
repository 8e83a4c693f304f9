import { Agent } from 'node:http';
import { Cam } from 'onvif';
import type { OnvifAnalyticsCamera } from './camera-ai-config.ts';
import type { CameraAiEvent } from './camera-ai-event.ts';
import { notificationToCameraAiEvent, type OnvifSourceCamera } from './onvif-notification.ts';

/** What a subscription needs: the camera, where its vehicle events go, a logger. */
export interface OnvifEventSubscriberDeps {
  camera: OnvifAnalyticsCamera;
  onEvent: (e: CameraAiEvent) => void;
  log?: (msg: string, extra?: Record<string, unknown>) => void;
}

/** A running PullPoint subscription to one camera's events. */
export interface OnvifEventSubscriber {
  /** Ends the pull loop (an in-flight pull is cut), then unsubscribes best effort. */
  stop(): Promise<void>;
}

const RENEW_WHEN_LEFT_MS = 60_000;
const MIN_EMPTY_PULL_MS = 200; // some cameras answer PullMessages at once instead of waiting: don't spin
const UNSUBSCRIBE_WAIT_MS = 2000;

type Callback = (err: Error | null, data?: any) => void; // eslint-disable-line @typescript-eslint/no-explicit-any
const call = <T = any>(f: (cb: Callback) => void): Promise<T> => // eslint-disable-line @typescript-eslint/no-explicit-any
  new Promise((resolve, reject) => f((err, data) => (err ? reject(err) : resolve(data as T))));

/**
 * Subscribes to a camera's ONVIF events through a PullPoint (CreatePullPointSubscription, PullMessages, Renew) and
 * hands each vehicle/plate notification on as a CameraAiEvent. Failures are retried with doubling delays.
 */
export function startOnvifEventSubscriber({ camera, onEvent, log = () => undefined }: OnvifEventSubscriberDeps): OnvifEventSubscriber {
  // Our own agent: destroying it cuts a PullMessages the camera may hold open for up to a minute.
  const agent = new Agent({ keepAlive: false });
  const cam = new Cam({
    hostname: camera.hostname, port: camera.port, username: camera.username || undefined, password: camera.password || undefined,
    timeout: 10_000, autoconnect: false, preserveAddress: true, agent,
  });
  const wake = new AbortController();
  const state = { stopped: false, connected: false, subscribed: false, source: { cameraId: camera.cameraId, frame: null } as OnvifSourceCamera };
  const deliver = (data: unknown) => deliverNotifications(data, state.source, onEvent, log);
  const done = runLoop(cam, agent, camera, state, deliver, wake.signal, log);
  return {
    async stop() {
      state.stopped = true;
      wake.abort();
      agent.destroy();
      await done;
      if (state.subscribed) await Promise.race([call((cb) => cam.unsubscribe(cb, true)).catch(() => undefined), sleep(UNSUBSCRIBE_WAIT_MS)]);
      agent.destroy();
    },
  };
}

type LoopState = { stopped: boolean; connected: boolean; subscribed: boolean; source: OnvifSourceCamera };

async function runLoop(cam: Cam, agent: Agent, camera: OnvifAnalyticsCamera, s: LoopState, deliver: (d: unknown) => number, signal: AbortSignal, log: NonNullable<OnvifEventSubscriberDeps['log']>) {
  let delay = camera.retryMinMs;
  while (!s.stopped) {
    try {
      if (!s.connected) {
        await call((cb) => cam.connect(cb));
        s.connected = true;
        s.source.frame = frameOf(cam, camera);
      }
      if (!s.subscribed) {
        await call((cb) => cam.createPullPointSubscription(cb));
        useAgent(cam, agent);
        s.subscribed = true;
        log('onvif events: subscribed', { cameraId: camera.cameraId });
      }
      const started = Date.now();
      const data = await call((cb) => cam.pullMessages({ messageLimit: 50 }, cb));
      const delivered = deliver(data);
      delay = camera.retryMinMs;
      if (msLeft(data) < RENEW_WHEN_LEFT_MS) await call((cb) => cam.renew({}, cb));
      if (delivered === 0 && Date.now() - started < MIN_EMPTY_PULL_MS) await sleep(MIN_EMPTY_PULL_MS, signal);
    } catch (e) {
      if (s.stopped) break;
      s.subscribed = false;
      log('onvif events: failed, retrying', { cameraId: camera.cameraId, err: e instanceof Error ? e.message : String(e), retryInMs: delay });
      await sleep(delay, signal);
      delay = Math.min(delay * 2, camera.retryMaxMs);
    }
  }
}

function deliverNotifications(data: unknown, source: OnvifSourceCamera, onEvent: (e: CameraAiEvent) => void, log: NonNullable<OnvifEventSubscriberDeps['log']>): number {
  const raw = (data as { notificationMessage?: unknown } | undefined)?.notificationMessage;
  let n = 0;
  for (const message of raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]) {
    try {
      const e = notificationToCameraAiEvent(message, source);
      if (e) {
        onEvent(e);
        n++;
      }
    } catch (err) {
      // One bad notification must not end the subscription.
      log('onvif events: notification skipped', { cameraId: source.cameraId, err: err instanceof Error ? err.message : String(err) });
    }
  }
  return n;
}

// The onvif package sends PullMessages/Renew/Unsubscribe to the parsed subscription address as request options;
// putting our agent there routes those requests through it too.
function useAgent(cam: Cam, agent: Agent): void {
  const address = cam.events?.subscription?.subscriptionReference?.address;
  if (address && typeof address === 'object') address.agent = agent;
}

function msLeft(data: unknown): number {
  const d = data as { currentTime?: unknown; terminationTime?: unknown } | undefined;
  return d?.currentTime instanceof Date && d.terminationTime instanceof Date ? d.terminationTime.getTime() - d.currentTime.getTime() : Infinity;
}

function frameOf(cam: Cam, camera: OnvifAnalyticsCamera): OnvifSourceCamera['frame'] {
  if (camera.frameWidth && camera.frameHeight) return { width: camera.frameWidth, height: camera.frameHeight };
  const r = (cam.defaultProfile as { videoEncoderConfiguration?: { resolution?: { width?: unknown; height?: unknown } } } | undefined)?.videoEncoderConfiguration?.resolution;
  const [width, height] = [Number(r?.width), Number(r?.height)];
  return width > 0 && height > 0 ? { width, height } : null;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });
}
