/** One recorded file: [startMs, endMs) of one camera's video, `bytes` on disk. Times are epoch ms (edge clock). */
export interface Segment {
  id: number;
  cameraId: string;
  path: string;
  startMs: number;
  endMs: number;
  bytes: number;
}

/** A time without recording and why (stream down, ffmpeg crash, stall, edge offline). `endMs` null: still open. */
export interface Gap {
  id: number;
  cameraId: string;
  startMs: number;
  endMs: number | null;
  cause: string;
}

/** Keeps a camera's recordings in [startMs, endMs] past retention until `untilMs` (null: until released). */
export interface Hold {
  id: string;
  cameraId: string;
  startMs: number;
  endMs: number;
  reason: string;
  untilMs: number | null;
}

/** The edge's catalogue of recordings: segments, gaps and holds. Synchronous (an embedded database). */
export interface SegmentIndex {
  addSegment(s: Omit<Segment, 'id'>): Segment;
  /** Segments of a camera overlapping [startMs, endMs), oldest first. */
  segmentsBetween(cameraId: string, startMs: number, endMs: number): Segment[];
  latestSegment(cameraId: string): Segment | null;
  hasPath(path: string): boolean;
  /** Eviction candidates: segments past each camera's cutoff, and the globally oldest; oldest first, deduplicated. */
  evictionCandidates(cutoffMsByCamera: Map<string, number>, limit: number): Segment[];
  removeSegment(id: number): void;
  totalBytes(): number;
  openGap(cameraId: string, startMs: number, cause: string): Gap;
  closeGap(id: number, endMs: number): void;
  /** Closes every open gap of a camera (used at start-up after an unclean stop). */
  openGapOf(cameraId: string): Gap | null;
  gapsBetween(cameraId: string, startMs: number, endMs: number): Gap[];
  putHold(h: Hold): void;
  releaseHold(id: string): void;
  activeHolds(nowMs: number): Hold[];
}
