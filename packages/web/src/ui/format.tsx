/** Small display formatters shared by the pages. */

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 && i > 0 ? 1 : 0)} ${units[i]}`;
}

export const humanise = (s: string) => s.replace(/_/g, ' ');

/** Camera status in words, for everyone. */
export const STATUS_LABEL: Record<string, string> = {
  pending_attestation: 'Waiting for owner to confirm',
  online: 'Online',
  offline: 'Offline',
  disabled: 'Turned off',
};

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge--${status}`}>{STATUS_LABEL[status] ?? humanise(status)}</span>;
}
