import type { VehicleEvent } from '@camnet/core';

/** Port: where finished vehicle events go (the outbox, in the edge agent; stdout in `camnet analyze`). */
export interface EventSink {
  emit(event: VehicleEvent): Promise<void>;
}

/** A sink that keeps what it was given, for tests and for `camnet analyze`. */
export class RecordingEventSink implements EventSink {
  readonly events: VehicleEvent[] = [];
  async emit(event: VehicleEvent): Promise<void> {
    this.events.push(event);
  }
}
