/** Admin and installers: the addresses where cameras are installed. */
import { useState } from 'react';
import { registryApi } from '../../api/registry.ts';
import type { Site } from '../../api/types.ts';
import { DataTable, LoadMore, type Column } from '../../ui/data-table.tsx';
import { EmptyState, ErrorBanner, Loading, Notice, PageHeader } from '../../ui/feedback.tsx';
import { nameOf, useMembers } from '../../ui/lookups.ts';
import { useList } from '../../ui/use-list.ts';
import { SiteForm } from './site-form.tsx';

export function SitesPage() {
  const list = useList((cursor) => registryApi.sites({ cursor, limit: 100 }));
  const members = useMembers();
  const [editing, setEditing] = useState<Site | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const columns: Column<Site>[] = [
    { key: 'name', label: 'Site', value: (s) => s.name, render: (s) => s.name },
    { key: 'member', label: 'Member', value: (s) => nameOf(members, s.memberId), render: (s) => nameOf(members, s.memberId) },
    { key: 'address', label: 'Address', value: (s) => s.address, render: (s) => s.address },
    { key: 'position', label: 'Position', render: (s) => `${s.lat.toFixed(5)}, ${s.lon.toFixed(5)}` },
    {
      key: 'actions',
      label: 'Actions',
      render: (s) => (
        <button type="button" className="button button--small button--secondary" onClick={() => setEditing(s)} aria-label={`Edit ${s.name}`}>
          Edit
        </button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="Sites"
        intro="Each site is an address with its cameras and, usually, one edge box."
        actions={
          <button type="button" className="button button--primary" onClick={() => setEditing('new')} disabled={members.length === 0}>
            Add site
          </button>
        }
      />
      {saved && <Notice tone="success">Saved {saved}.</Notice>}
      {editing && (
        <SiteForm
          key={editing === 'new' ? 'new' : editing.id}
          site={editing === 'new' ? undefined : editing}
          members={members}
          onCancel={() => setEditing(null)}
          onSaved={(s) => {
            list.upsert(s, (x) => x.id);
            setSaved(s.name);
            setEditing(null);
          }}
        />
      )}
      <ErrorBanner error={list.error} onRetry={list.reload} />
      {list.loading && list.items.length === 0 ? (
        <Loading what="sites" />
      ) : (
        <DataTable
          caption="Sites"
          rows={list.items}
          columns={columns}
          rowKey={(s) => s.id}
          filterLabel="Filter sites"
          empty={<EmptyState title="No sites yet">{members.length ? 'Add a site with “Add site”.' : 'Add a member first; every site belongs to one.'}</EmptyState>}
        />
      )}
      <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
    </>
  );
}
