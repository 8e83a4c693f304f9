/** `/cameras/:id` (but not `/cameras/import`): the camera page's path, shared by the routes and the page. */
export const CAMERA_PAGE = /^\/cameras\/(?!import$)([^/]+)$/;

/** The camera id of a `/cameras/:id` path, or null. */
export function cameraIdOf(path: string): string | null {
  const m = CAMERA_PAGE.exec(path);
  return m ? decodeURIComponent(m[1]!) : null;
}
