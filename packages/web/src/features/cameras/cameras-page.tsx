/** Admin, installers, operators: every camera in the registry, filtered on the server by status and text. */
import { useState } from 'react';
import { Link } from '../../app/router.tsx';
import { useSession, useSignedIn } from '../../app/session.tsx';
import { registryApi } from '../../api/registry.ts';
import { CAMERA_STATUSES, type Camera } from '../../api/types.ts';
import { DataTable, LoadMore, type Column } from '../../ui/data-table.tsx';
import { EmptyState, ErrorBanner, Loading, Notice, PageHeader } from '../../ui/feedback.tsx';
import { STATUS_LABEL, StatusBadge, formatTime } from '../../ui/format.tsx';
import { nameOf, useSites } from '../../ui/lookups.ts';
import { useList } from '../../ui/use-list.ts';
import { CameraForm } from './camera-form.tsx';
import { PictureBadge } from './picture-check.tsx';
import { sharingLabel } from './sharing.ts';

export function CamerasPage() {
  const { user } = useSignedIn();
  const { config } = useSession();
  const canEdit = user.role === 'admin' || user.role === 'installer';
  const [status, setStatus] = useState('');
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const list = useList((cursor) => registryApi.cameras({ cursor, limit: 200, status: status || undefined, q: query || undefined }), [status, query]);
  const sites = useSites();
  const [editing, setEditing] = useState<Camera | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const columns: Column<Camera>[] = [
    { key: 'name', label: 'Camera', value: (c) => c.name, render: (c) => <Link href={`/cameras/${encodeURIComponent(c.id)}`}>{c.name}</Link> },
    { key: 'site', label: 'Site', value: (c) => nameOf(sites, c.siteId), render: (c) => nameOf(sites, c.siteId) },
    { key: 'status', label: 'Status', value: (c) => c.status, render: (c) => (<><StatusBadge status={c.status} /> <PictureBadge camera={c} /></>) },
    { key: 'sharing', label: 'Sharing', value: (c) => sharingLabel(c.sharingMode), render: (c) => sharingLabel(c.sharingMode) },
    { key: 'retention', label: 'Keeps (days)', className: 'num', value: (c) => c.retentionDays, render: (c) => c.retentionDays },
    { key: 'lastFrame', label: 'Last picture', value: (c) => c.lastFrameAt ?? '', render: (c) => formatTime(c.lastFrameAt) },
  ];
  if (canEdit) {
    columns.push({
      key: 'actions',
      label: 'Actions',
      render: (c) => (
        <button type="button" className="button button--small button--secondary" onClick={() => setEditing(c)} aria-label={`Edit ${c.name}`}>
          Edit
        </button>
      ),
    });
  }

  const toolbar = (
    <form className="row" role="search" onSubmit={(e) => (e.preventDefault(), setQuery(q))}>
      <label className="table-filter">
        <span>Status</span>
        <select value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">Any</option>
          {CAMERA_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
      </label>
      <label className="table-filter">
        <span>Search all cameras</span>
        <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      </label>
      <button type="submit" className="button button--secondary">
        Search
      </button>
    </form>
  );

  return (
    <>
      <PageHeader
        title="Cameras"
        intro="Every registered camera. A camera is used only after its owner confirms it sees public space only."
        actions={
          canEdit && (
            <>
              <Link className="button button--secondary" href="/cameras/import">
                Import
              </Link>
              <a className="button button--secondary" href={registryApi.exportUrl('csv')} download>
                Export CSV
              </a>
              <button type="button" className="button button--primary" onClick={() => setEditing('new')} disabled={sites.length === 0}>
                Add camera
              </button>
            </>
          )
        }
      />
      {saved && <Notice tone="success">Saved {saved}.</Notice>}
      {editing && (
        <CameraForm
          key={editing === 'new' ? 'new' : editing.id}
          camera={editing === 'new' ? undefined : editing}
          sites={sites}
          maxRetentionDays={config?.maxRetentionDays ?? 30}
          onCancel={() => setEditing(null)}
          onSaved={(c) => {
            list.upsert(c, (x) => x.id);
            setSaved(c.name);
            setEditing(null);
          }}
        />
      )}
      <ErrorBanner error={list.error} onRetry={list.reload} />
      {list.loading && list.items.length === 0 ? (
        <Loading what="cameras" />
      ) : (
        <DataTable
          caption="Cameras"
          rows={list.items}
          columns={columns}
          rowKey={(c) => c.id}
          filterLabel="Filter this list"
          toolbar={toolbar}
          empty={<EmptyState title="No cameras match">{sites.length ? 'Add one with “Add camera”, or import a CSV file.' : 'Add a site first; every camera belongs to one.'}</EmptyState>}
        />
      )}
      <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
    </>
  );
}
