/**
 * Auditors and admins: deletion receipts — what each edge's retention deleted, when, and why (the camera's days
 * ran out, or the edge's disk budget was full). Filters go to the hub; the table filters and sorts what came back.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { recordingsApi, type ReceiptQuery } from '../../api/recordings.ts';
import type { Camera, RetentionReceipt } from '../../api/types.ts';
import { Link } from '../../app/router.tsx';
import { DataTable, type Column } from '../../ui/data-table.tsx';
import { EmptyState, ErrorBanner, Loading, PageHeader } from '../../ui/feedback.tsx';
import { SelectField, TextField } from '../../ui/field.tsx';
import { formatBytes } from '../../ui/format.tsx';
import { allCameras } from '../../ui/lookups.ts';
import { clock, duration, stamp } from '../camera-detail/time.ts';

const LIMIT = 1000;
const REASON: Record<string, string> = {
  retention: 'Kept for its full time',
  disk_budget: 'Disk full: oldest first',
};
const REASON_DETAIL: Record<string, string> = {
  retention: 'Older than the number of days the camera keeps video.',
  disk_budget: 'The edge box needed room; the oldest recording not under a hold went first.',
};

const toIso = (local: string) => (local ? new Date(local).toISOString() : undefined);


type Row = RetentionReceipt & { key: string };

export function RetentionPage() {
  const [draft, setDraft] = useState({ cameraId: '', from: '', to: '', reason: '' });
  const [query, setQuery] = useState<ReceiptQuery & { reason?: string }>({});
  const [items, setItems] = useState<RetentionReceipt[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  const [cameras, setCameras] = useState<Camera[]>([]);

  useEffect(() => {
    allCameras().then(setCameras, () => setCameras([]));
  }, []);

  useEffect(() => {
    let stopped = false;
    setItems(null);
    setError(null);
    const { reason: _reason, ...q } = query;
    recordingsApi.receipts({ ...q, limit: LIMIT }).then(
      (r) => !stopped && setItems(r.items),
      (e: unknown) => !stopped && setError(e),
    );
    return () => {
      stopped = true;
    };
  }, [query, version]);

  const names = useMemo(() => new Map(cameras.map((c) => [c.id, c.name])), [cameras]);
  const rows: Row[] = useMemo(
    () => (items ?? []).filter((r) => !query.reason || r.reason === query.reason).map((r) => ({ ...r, key: `${r.cameraId}:${r.segmentStart}` })),
    [items, query.reason],
  );
  const bytes = rows.reduce((n, r) => n + r.bytes, 0);
  const recorded = rows.reduce((n, r) => n + (Date.parse(r.segmentEnd) - Date.parse(r.segmentStart)), 0);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setQuery({ cameraId: draft.cameraId || undefined, from: toIso(draft.from), to: toIso(draft.to), reason: draft.reason || undefined });
  };

  const columns: Column<Row>[] = [
    { key: 'deletedAt', label: 'Deleted', value: (r) => r.deletedAt, render: (r) => stamp(r.deletedAt) },
    {
      key: 'camera', label: 'Camera', value: (r) => names.get(r.cameraId) ?? r.cameraId,
      render: (r) => <Link href={`/cameras/${encodeURIComponent(r.cameraId)}`}>{names.get(r.cameraId) ?? r.cameraId}</Link>,
    },
    {
      key: 'segment', label: 'Recording deleted', value: (r) => r.segmentStart,
      render: (r) => (
        <>
          {stamp(r.segmentStart)} – {clock(r.segmentEnd)}
          <span className="muted small"> ({duration(Date.parse(r.segmentEnd) - Date.parse(r.segmentStart))})</span>
        </>
      ),
    },
    { key: 'bytes', label: 'Size', className: 'num', value: (r) => r.bytes, render: (r) => formatBytes(r.bytes) },
    {
      key: 'reason', label: 'Why', value: (r) => REASON[r.reason] ?? r.reason,
      render: (r) => <span title={REASON_DETAIL[r.reason]}>{REASON[r.reason] ?? r.reason}</span>,
    },
  ];

  return (
    <>
      <PageHeader
        title="Retention receipts"
        intro="Edges delete video on their own: when a camera's days run out, or when the box's disk is full (oldest first, never video under a hold). Each deletion leaves a receipt here."
      />
      <form className="panel form" onSubmit={apply} role="search" aria-label="Filter the receipts">
        <div className="form-grid">
          <SelectField
            label="Camera"
            value={draft.cameraId}
            options={[{ value: '', label: 'All cameras' }, ...[...cameras].sort((a, b) => a.name.localeCompare(b.name)).map((c) => ({ value: c.id, label: c.name }))]}
            onValue={(cameraId) => setDraft({ ...draft, cameraId })}
          />
          <SelectField
            label="Why"
            value={draft.reason}
            options={[{ value: '', label: 'Any reason' }, { value: 'retention', label: REASON.retention! }, { value: 'disk_budget', label: REASON.disk_budget! }]}
            onValue={(reason) => setDraft({ ...draft, reason })}
          />
          <TextField label="Deleted from" type="datetime-local" value={draft.from} onValue={(from) => setDraft({ ...draft, from })} />
          <TextField label="Deleted before" type="datetime-local" value={draft.to} onValue={(to) => setDraft({ ...draft, to })} />
        </div>
        <div className="row">
          <button type="submit" className="button button--secondary">
            Apply filters
          </button>
        </div>
      </form>
      <ErrorBanner error={error} onRetry={() => setVersion((v) => v + 1)} />
      {items === null && !error ? (
        <Loading what="receipts" />
      ) : items !== null ? (
        <>
          {rows.length > 0 && (
            <p role="status">
              <strong>{rows.length}</strong> {rows.length === 1 ? 'deletion' : 'deletions'}: {duration(recorded)} of video, {formatBytes(bytes)}.
              {items.length === LIMIT && ' Showing the newest ' + LIMIT + '; narrow the dates to see older ones.'}
            </p>
          )}
          <DataTable
            caption="Deletion receipts"
            rows={rows}
            columns={columns}
            rowKey={(r) => r.key}
            filterLabel="Filter these receipts"
            empty={
              <EmptyState title="No deletions match">
                Nothing was deleted {query.cameraId || query.from || query.to || query.reason ? 'with these filters' : 'yet'}. Recordings are deleted when a camera’s days run out or an edge’s disk fills up.
              </EmptyState>
            }
          />
        </>
      ) : null}
    </>
  );
}
