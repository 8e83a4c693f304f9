/** Edge boxes at sites: health at a glance, and "add edge" which shows its one-time enrolment token. */
import { useEffect, useState, type FormEvent } from 'react';
import { connectLive } from '../../api/live.ts';
import { registryApi } from '../../api/registry.ts';
import type { Edge } from '../../api/types.ts';
import { DataTable, LoadMore, type Column } from '../../ui/data-table.tsx';
import { EmptyState, ErrorBanner, Loading, Notice, PageHeader } from '../../ui/feedback.tsx';
import { SelectField, TextField } from '../../ui/field.tsx';
import { formatBytes, formatTime } from '../../ui/format.tsx';
import { nameOf, useSites } from '../../ui/lookups.ts';
import { useList } from '../../ui/use-list.ts';
import { useSubmit } from '../../ui/use-submit.ts';

const clockText = (ms: number | null) => (ms === null ? '—' : Math.abs(ms) > 2000 ? `${(ms / 1000).toFixed(1)} s off (check clock)` : `${ms} ms`);

export function EdgesPage() {
  const list = useList((cursor) => registryApi.edges({ cursor, limit: 100 }));
  const sites = useSites();
  const [form, setForm] = useState({ siteId: '', name: '' });
  const [enrolment, setEnrolment] = useState<{ name: string; token: string } | null>(null);
  const create = useSubmit(registryApi.createEdge);
  const { upsert } = list;

  useEffect(() => {
    const live = connectLive((m) => {
      if (m.type === 'edge.changed' && m.edge) upsert(m.edge as Edge, (e) => e.id);
    });
    return () => live.close();
  }, [upsert]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await create.run(form);
    if (res) {
      setEnrolment({ name: res.edge.name, token: res.enrolmentToken });
      list.upsert(res.edge, (x) => x.id);
      setForm({ siteId: '', name: '' });
    }
  };

  const columns: Column<Edge>[] = [
    { key: 'name', label: 'Edge', value: (e) => e.name, render: (e) => e.name },
    { key: 'site', label: 'Site', value: (e) => nameOf(sites, e.siteId), render: (e) => nameOf(sites, e.siteId) },
    { key: 'status', label: 'Status', value: (e) => e.status, render: (e) => <span className={`badge badge--${e.status}`}>{e.status}</span> },
    { key: 'seen', label: 'Last seen', value: (e) => e.lastSeenAt ?? '', render: (e) => formatTime(e.lastSeenAt) },
    { key: 'cameras', label: 'Cameras', className: 'num', value: (e) => e.cameras ?? 0, render: (e) => e.cameras ?? '—' },
    { key: 'disk', label: 'Disk used', className: 'num', value: (e) => e.diskUsedBytes ?? -1, render: (e) => formatBytes(e.diskUsedBytes) },
    { key: 'clock', label: 'Clock', value: (e) => Math.abs(e.clockOffsetMs ?? 0), render: (e) => clockText(e.clockOffsetMs) },
    { key: 'version', label: 'Version', value: (e) => e.version ?? '', render: (e) => e.version ?? '—' },
  ];

  return (
    <>
      <PageHeader title="Edges" intro="The small computer at each site that records its cameras and sends vehicle events to the hub." />
      <form className="panel form" onSubmit={submit} noValidate aria-labelledby="edge-form-title">
        <h2 id="edge-form-title">Add an edge</h2>
        <ErrorBanner error={create.error} />
        <div className="form-grid">
          <SelectField
            label="Site"
            value={form.siteId}
            options={[{ value: '', label: 'Choose a site…' }, ...sites.map((s) => ({ value: s.id, label: s.name }))]}
            onValue={(siteId) => setForm({ ...form, siteId })}
            error={create.fieldErrors.siteId}
          />
          <TextField label="Edge name" required value={form.name} onValue={(name) => setForm({ ...form, name })} error={create.fieldErrors.name} />
        </div>
        <div className="row">
          <button type="submit" className="button button--primary" disabled={create.busy}>
            Add edge
          </button>
        </div>
      </form>
      {enrolment && (
        <Notice tone="warning">
          <p>
            <strong>Enrolment token for “{enrolment.name}”, shown only once.</strong> It works one time: on the edge box, start
            camnet with <code>CAMNET_HUB_URL={location.origin}</code> and <code>CAMNET_ENROL_TOKEN=&lt;this token&gt;</code>.
          </p>
          <code className="one-time" data-testid="enrolment-token">
            {enrolment.token}
          </code>
        </Notice>
      )}
      <ErrorBanner error={list.error} onRetry={list.reload} />
      {list.loading && list.items.length === 0 ? (
        <Loading what="edges" />
      ) : (
        <DataTable caption="Edges" rows={list.items} columns={columns} rowKey={(e) => e.id} filterLabel="Filter edges" empty={<EmptyState title="No edges yet">Add one above, then enrol the box at the site with its token.</EmptyState>} />
      )}
      <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
    </>
  );
}
