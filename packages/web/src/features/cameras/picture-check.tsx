/** What the edge's vision says of a camera's picture (plates washed out by overexposure), for the people who can fix it. */
import type { Camera } from '../../api/types.ts';
import { Notice } from '../../ui/feedback.tsx';

/** What to do about a picture too bright, in words an owner can act on in the camera's own app. */
export const TOO_BRIGHT_ADVICE = 'Turn the camera’s exposure or brightness down, or turn on WDR or backlight compensation in its settings (or ask your installer).';

/** Whether the edge says the camera's picture is too bright. */
export const tooBright = (c: Camera): boolean => c.pictureCheck?.warning === 'overexposed';

/** A badge beside the status in lists, only when the picture is too bright. */
export function PictureBadge({ camera }: { camera: Camera }) {
  if (!tooBright(camera)) return null;
  return (
    <span className="badge badge--pending" title={`Number plates come out white. ${TOO_BRIGHT_ADVICE}`}>
      too bright
    </span>
  );
}

/** The camera page’s line on the picture: the warning with its figures, the figures alone, or that the edge has not said yet. */
export function PictureFact({ camera }: { camera: Camera }) {
  const p = camera.pictureCheck;
  if (!p) return <span className="muted">Not checked yet: the edge checks it on the number plates of passing vehicles.</span>;
  const figures = `${p.platesClipped} of the last ${p.platesChecked} number plates read were washed out to white`;
  if (!tooBright(camera)) return <span>Not too bright ({figures}).</span>;
  return (
    <Notice tone="warning">
      <strong>Too bright:</strong> {figures}; plates and colours are read less reliably. Turn the exposure down, or turn on WDR or backlight
      compensation.
    </Notice>
  );
}

/** For the owner's own camera card: only the warning, in plain words. */
export function PictureWarning({ camera }: { camera: Camera }) {
  if (!tooBright(camera)) return null;
  return (
    <Notice tone="warning">
      <strong>The picture is too bright:</strong> number plates come out white, so they cannot be read. {TOO_BRIGHT_ADVICE}
    </Notice>
  );
}
