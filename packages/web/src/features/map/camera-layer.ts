/**
 * A canvas laid over a Leaflet map that draws every camera: clusters below CLUSTER_MAX_ZOOM, cones above.
 * Redraws at most once per animation frame; projects with Web Mercator maths directly (no Leaflet
 * objects per camera), so 40,000 cameras stay smooth.
 */
import type * as L from 'leaflet';
import { CLUSTER_MAX_ZOOM, type CameraIndex, type MapCamera } from './map-data.ts';
import { drawCameras, drawCluster, drawGrid, type DrawnItem, type PlacedCamera } from './camera-draw.ts';

const EARTH_CIRCUMFERENCE_M = 40_075_016.686;

function worldX(lon: number, scale: number): number {
  return ((lon + 180) / 360) * scale;
}
function worldY(lat: number, scale: number): number {
  const s = Math.sin((Math.max(-85.0511, Math.min(85.0511, lat)) * Math.PI) / 180);
  return (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * scale;
}

export interface CameraLayerOptions {
  /** Draw the world-fixed grid (when there are no tiles). */
  grid: boolean;
  gridColour: string;
  onSelect(cameraIndex: number | null): void;
}

export interface DrawStats {
  draws: number;
  lastDrawMs: number;
  drawn: number;
  /** The last 600 draw durations (ms), for the map benchmark. */
  recentMs: number[];
}

export class CameraLayer {
  private readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private cameras: MapCamera[] = [];
  private index: CameraIndex | null = null;
  private selected: number | null = null;
  private drawnItems: DrawnItem[] = [];
  private frame = 0;
  readonly stats: DrawStats = { draws: 0, lastDrawMs: 0, drawn: 0, recentMs: [] };

  constructor(
    private readonly map: L.Map,
    private readonly opts: CameraLayerOptions,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'camera-canvas';
    this.canvas.setAttribute('aria-hidden', 'true');
    map.getContainer().appendChild(this.canvas);
    this.ctx = this.canvas.getContext('2d')!;
    map.on('move zoom resize viewreset', this.schedule);
    map.on('click', this.handleClick);
    map.on('mousemove', this.handleHover);
    this.resize();
  }

  setData(cameras: MapCamera[], index: CameraIndex): void {
    this.cameras = cameras;
    this.index = index;
    this.schedule();
  }

  select(i: number | null): void {
    this.selected = i;
    this.schedule();
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    this.map.off('move zoom resize viewreset', this.schedule);
    this.map.off('click', this.handleClick);
    this.map.off('mousemove', this.handleHover);
    this.canvas.remove();
  }

  private readonly schedule = (): void => {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  };

  private resize(): void {
    const size = this.map.getSize();
    const dpr = window.devicePixelRatio || 1;
    if (this.canvas.width !== Math.round(size.x * dpr) || this.canvas.height !== Math.round(size.y * dpr)) {
      this.canvas.width = Math.round(size.x * dpr);
      this.canvas.height = Math.round(size.y * dpr);
      this.canvas.style.width = `${size.x}px`;
      this.canvas.style.height = `${size.y}px`;
    }
    this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  }

  private draw(): void {
    const t0 = performance.now();
    this.resize();
    const size = this.map.getSize();
    const zoom = this.map.getZoom();
    const scale = 256 * 2 ** zoom;
    const topLeft = this.map.containerPointToLatLng([0, 0]);
    const ox = worldX(topLeft.lng, scale);
    const oy = worldY(topLeft.lat, scale);
    const ctx = this.ctx;
    ctx.clearRect(0, 0, size.x, size.y);
    if (this.opts.grid) drawGrid(ctx, size.x, size.y, ox, oy, this.opts.gridColour);
    const items: DrawnItem[] = [];
    if (this.index) {
      const b = this.map.getBounds().pad(0.15);
      const bbox: [number, number, number, number] = [Math.max(-180, b.getWest()), Math.max(-85, b.getSouth()), Math.min(180, b.getEast()), Math.min(85, b.getNorth())];
      const features = this.index.getClusters(bbox, Math.min(Math.floor(zoom), CLUSTER_MAX_ZOOM));
      const placed: PlacedCamera[] = [];
      for (const f of features) {
        const [lon, lat] = f.geometry.coordinates as [number, number];
        const x = worldX(lon, scale) - ox;
        const y = worldY(lat, scale) - oy;
        const p = f.properties as Record<string, unknown>;
        if (p.cluster) {
          const r = drawCluster(ctx, x, y, p as never);
          items.push({ x, y, r, clusterId: p.cluster_id as number, count: p.point_count as number });
        } else {
          const i = p.i as number;
          const cam = this.cameras[i]!;
          const metresPerPx = (EARTH_CIRCUMFERENCE_M * Math.cos((cam.lat * Math.PI) / 180)) / scale;
          placed.push({ cam, index: i, x, y, rangePx: zoom >= 14 ? cam.rangeM / metresPerPx : 0 });
        }
      }
      drawCameras(ctx, placed, this.selected, items);
    }
    this.drawnItems = items;
    this.stats.draws++;
    this.stats.drawn = items.length;
    this.stats.lastDrawMs = performance.now() - t0;
    this.stats.recentMs.push(this.stats.lastDrawMs);
    if (this.stats.recentMs.length > 600) this.stats.recentMs.shift();
    this.canvas.dataset.drawn = String(items.length);
  }

  private hit(pt: L.Point): DrawnItem | null {
    let best: DrawnItem | null = null;
    let bestD = Infinity;
    for (const it of this.drawnItems) {
      const d = Math.hypot(it.x - pt.x, it.y - pt.y);
      if (d <= it.r && d < bestD) {
        best = it;
        bestD = d;
      }
    }
    return best;
  }

  private readonly handleClick = (e: L.LeafletMouseEvent): void => {
    const it = this.hit(e.containerPoint);
    if (it?.clusterId !== undefined && this.index) {
      const zoom = Math.min(this.index.getClusterExpansionZoom(it.clusterId), CLUSTER_MAX_ZOOM + 1);
      this.map.setView(e.latlng, zoom);
      return;
    }
    this.opts.onSelect(it?.camera ?? null);
  };

  private readonly handleHover = (e: L.LeafletMouseEvent): void => {
    this.map.getContainer().style.cursor = this.hit(e.containerPoint) ? 'pointer' : '';
  };
}
