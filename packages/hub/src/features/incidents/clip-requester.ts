/** A pre-roll clip asked of the edge that records a camera. */
export interface ClipRequest {
  cameraId: string;
  start: string;
  end: string;
  incidentId: string;
  reason: string;
}

/**
 * Asks an edge for a clip (the port the incidents feature consumes; clips come from edge recordings).
 * Answers at once with the clip's id and state ('requested', 'ready', 'unavailable', …); the clip itself arrives later.
 */
export interface ClipRequester {
  requestClip(req: ClipRequest): Promise<{ clipId: string; status: string }>;
}

/** A fake for tests: records every request and answers `requested` with a numbered id. */
export class RecordingClipRequester implements ClipRequester {
  readonly requests: ClipRequest[] = [];

  async requestClip(req: ClipRequest): Promise<{ clipId: string; status: string }> {
    this.requests.push(req);
    return { clipId: `clip-${this.requests.length}`, status: 'requested' };
  }
}
