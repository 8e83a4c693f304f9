/** A small drawing of which way a camera points and how far it sees, plus the same in words. */
import type { Camera } from '../../api/types.ts';

const DIRECTIONS = ['north', 'north-east', 'east', 'south-east', 'south', 'south-west', 'west', 'north-west'];

export function compassWord(deg: number): string {
  return DIRECTIONS[Math.round((((deg % 360) + 360) % 360) / 45) % 8] ?? 'north';
}

export function describeView(c: Pick<Camera, 'headingDeg' | 'fovDeg' | 'rangeM'>): string {
  const width = c.fovDeg >= 300 ? 'all around' : c.fovDeg >= 120 ? 'a wide view' : c.fovDeg >= 60 ? 'a normal view' : 'a narrow view';
  return c.fovDeg >= 300
    ? `Sees all around, up to about ${Math.round(c.rangeM)} metres away.`
    : `Points ${compassWord(c.headingDeg)} with ${width}, up to about ${Math.round(c.rangeM)} metres away.`;
}

/** A 0..100 box: the camera at the centre, north up, the cone drawn to scale of its own range. */
export function ViewSketch({ camera }: { camera: Pick<Camera, 'headingDeg' | 'fovDeg'> }) {
  const r = 42;
  const half = Math.min(camera.fovDeg, 359.9) / 2;
  const point = (deg: number) => {
    const a = ((deg - 90) * Math.PI) / 180;
    return `${50 + r * Math.cos(a)} ${50 + r * Math.sin(a)}`;
  };
  const large = half * 2 > 180 ? 1 : 0;
  const d = `M50 50 L${point(camera.headingDeg - half)} A${r} ${r} 0 ${large} 1 ${point(camera.headingDeg + half)} Z`;
  return (
    <svg className="sketch" viewBox="0 0 100 100" aria-hidden="true">
      <circle cx="50" cy="50" r="46" className="sketch__ring" />
      <text x="50" y="11" textAnchor="middle" className="sketch__n">
        N
      </text>
      <path d={d} className="sketch__cone" />
      <circle cx="50" cy="50" r="4" className="sketch__cam" />
    </svg>
  );
}
