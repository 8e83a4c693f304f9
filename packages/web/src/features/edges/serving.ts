/**
 * Which edge records which camera, as the hub decides it (edges.service `serving`, cameras.service `servedBy`): the
 * camera's assigned edge, else its site's edge, else the local edge of `camnet up` for sites without an edge.
 */
import type { Camera, Edge } from '../../api/types.ts';

const isEmbedded = (e: Edge) => e.embedded === true || e.siteId === null;

/** The edge that records (or would record) a camera, among the edges this person may see. */
export function servingEdge(camera: Pick<Camera, 'edgeId' | 'siteId'>, edges: readonly Edge[]): Edge | null {
  if (camera.edgeId) return edges.find((e) => e.id === camera.edgeId) ?? null;
  const atSite = edges.filter((e) => e.siteId === camera.siteId);
  if (atSite.length) return atSite.find((e) => e.status === 'online') ?? atSite[0]!;
  return edges.find(isEmbedded) ?? null;
}

/** The cameras each edge records: attested, not turned off. */
export function camerasByEdge(cameras: readonly Camera[], edges: readonly Edge[]): Map<string, Camera[]> {
  const sitesWithEdges = new Set(edges.map((e) => e.siteId).filter((s): s is string => s !== null));
  const out = new Map<string, Camera[]>(edges.map((e) => [e.id, []]));
  for (const c of cameras) {
    if (!c.publicViewAttested || c.status === 'disabled') continue;
    for (const e of edges) {
      const served = c.edgeId ? c.edgeId === e.id : c.siteId === e.siteId || (isEmbedded(e) && !sitesWithEdges.has(c.siteId));
      if (served) out.get(e.id)!.push(c);
    }
  }
  return out;
}
