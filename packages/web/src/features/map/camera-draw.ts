/** Canvas drawing of cameras (cones or dots) and clusters (count + status ring), batched by colour. */
import type { MapCamera, StatusCounts } from './map-data.ts';

export const STATUS_COLOUR: Record<string, string> = {
  online: '#34d27b',
  offline: '#ff5d5d',
  pending_attestation: '#ffb020',
  disabled: '#9aa5b4',
};

/** Something drawn, for hit-testing clicks: a camera (index) or a cluster (id). */
export interface DrawnItem {
  x: number;
  y: number;
  r: number;
  camera?: number;
  clusterId?: number;
  count?: number;
}

export interface PlacedCamera {
  cam: MapCamera;
  index: number;
  x: number;
  y: number;
  /** The cone's radius in pixels at this zoom. */
  rangePx: number;
}

const TAU = Math.PI * 2;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Draws every placed camera: a cone when it is big enough to read, then a dot on top. */
export function drawCameras(ctx: CanvasRenderingContext2D, placed: PlacedCamera[], selected: number | null, out: DrawnItem[]): void {
  const cones = new Map<string, Path2D>();
  const dots = new Map<string, Path2D>();
  for (const p of placed) {
    const colour = STATUS_COLOUR[p.cam.status] ?? STATUS_COLOUR.offline!;
    if (p.rangePx >= 6) {
      const cone = cones.get(colour) ?? new Path2D();
      if (p.cam.fovDeg >= 359) {
        cone.moveTo(p.x + p.rangePx, p.y);
        cone.arc(p.x, p.y, p.rangePx, 0, TAU);
      } else {
        const a = rad(p.cam.headingDeg - 90);
        const half = rad(p.cam.fovDeg / 2);
        cone.moveTo(p.x, p.y);
        cone.arc(p.x, p.y, p.rangePx, a - half, a + half);
        cone.closePath();
      }
      cones.set(colour, cone);
    }
    const dot = dots.get(colour) ?? new Path2D();
    const r = p.rangePx >= 6 ? 4 : 3;
    dot.moveTo(p.x + r, p.y);
    dot.arc(p.x, p.y, r, 0, TAU);
    dots.set(colour, dot);
    out.push({ x: p.x, y: p.y, r: Math.max(8, r + 4), camera: p.index });
  }
  ctx.lineWidth = 1;
  for (const [colour, path] of cones) {
    ctx.fillStyle = colour + '4d';
    ctx.strokeStyle = colour + 'b0';
    ctx.fill(path);
    ctx.stroke(path);
  }
  // A dark rim keeps dots readable on light map tiles as well as on the plain dark background.
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = 'rgba(0,0,0,0.55)';
  for (const [colour, path] of dots) {
    ctx.fillStyle = colour;
    ctx.stroke(path);
    ctx.fill(path);
  }
  if (selected !== null) {
    const p = placed.find((q) => q.index === selected);
    if (p) {
      ctx.lineWidth = 3;
      ctx.strokeStyle = '#ffd23f';
      ctx.beginPath();
      ctx.arc(p.x, p.y, 9, 0, TAU);
      ctx.stroke();
    }
  }
}

/** Draws one cluster: a dark disc with the count, ringed by the share of each status. */
export function drawCluster(ctx: CanvasRenderingContext2D, x: number, y: number, counts: StatusCounts & { point_count: number }): number {
  const n = counts.point_count;
  const r = Math.min(34, 12 + Math.log2(n) * 2.6);
  ctx.beginPath();
  ctx.arc(x, y, r, 0, TAU);
  ctx.fillStyle = 'rgba(13,17,23,0.88)';
  ctx.fill();
  let start = -Math.PI / 2;
  ctx.lineWidth = 4;
  const parts: [number, string][] = [
    [counts.online, STATUS_COLOUR.online!],
    [counts.offline, STATUS_COLOUR.offline!],
    [counts.pending, STATUS_COLOUR.pending_attestation!],
    [counts.disabled, STATUS_COLOUR.disabled!],
  ];
  for (const [count, colour] of parts) {
    if (!count) continue;
    const end = start + (count / n) * TAU;
    ctx.beginPath();
    ctx.arc(x, y, r - 2, start, end);
    ctx.strokeStyle = colour;
    ctx.stroke();
    start = end;
  }
  ctx.fillStyle = '#ffffff';
  ctx.font = `600 ${r > 20 ? 13 : 11}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(n >= 10000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n), x, y + 0.5);
  return r;
}

/** A faint grid fixed to the world, so panning reads as movement when no tiles are configured. */
export function drawGrid(ctx: CanvasRenderingContext2D, w: number, h: number, originX: number, originY: number, colour: string): void {
  const step = 128;
  ctx.strokeStyle = colour;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let x = -(((originX % step) + step) % step); x < w; x += step) {
    ctx.moveTo(Math.round(x) + 0.5, 0);
    ctx.lineTo(Math.round(x) + 0.5, h);
  }
  for (let y = -(((originY % step) + step) % step); y < h; y += step) {
    ctx.moveTo(0, Math.round(y) + 0.5);
    ctx.lineTo(w, Math.round(y) + 0.5);
  }
  ctx.stroke();
}
