import type { VehicleEvent } from '@camnet/core';
import type { Outbox } from './outbox.ts';

/** The pipeline's EventSink on the outbox: each vehicle event once, keyed by camera and local id. */
export function createOutboxEventSink(outbox: Outbox, notify: () => void = () => undefined) {
  return {
    async emit(event: VehicleEvent): Promise<void> {
      outbox.enqueue('vehicle_event', event, `vehicle_event:${event.cameraId}:${event.localId}`);
      notify();
    },
  };
}
