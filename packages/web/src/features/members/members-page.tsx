/** Admin: the organisations in the network. */
import { useState } from 'react';
import { registryApi } from '../../api/registry.ts';
import type { Member } from '../../api/types.ts';
import { DataTable, LoadMore, type Column } from '../../ui/data-table.tsx';
import { EmptyState, ErrorBanner, Loading, Notice, PageHeader } from '../../ui/feedback.tsx';
import { formatTime } from '../../ui/format.tsx';
import { useList } from '../../ui/use-list.ts';
import { KIND_LABEL, MemberForm } from './member-form.tsx';

export function MembersPage() {
  const list = useList((cursor) => registryApi.members({ cursor, limit: 100 }));
  const [editing, setEditing] = useState<Member | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const columns: Column<Member>[] = [
    { key: 'name', label: 'Name', value: (m) => m.name, render: (m) => m.name },
    { key: 'kind', label: 'Kind', value: (m) => KIND_LABEL[m.kind] ?? m.kind, render: (m) => KIND_LABEL[m.kind] ?? m.kind },
    { key: 'contact', label: 'Contact', value: (m) => m.contactEmail ?? '', render: (m) => m.contactEmail || '—' },
    { key: 'created', label: 'Added', value: (m) => m.createdAt ?? '', render: (m) => formatTime(m.createdAt) },
    {
      key: 'actions',
      label: 'Actions',
      render: (m) => (
        <button type="button" className="button button--small button--secondary" onClick={() => setEditing(m)} aria-label={`Edit ${m.name}`}>
          Edit
        </button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="Members"
        intro="Businesses, residents, agencies and vendors that take part in the network. Every site and user belongs to one."
        actions={
          <button type="button" className="button button--primary" onClick={() => setEditing('new')}>
            Add member
          </button>
        }
      />
      {saved && <Notice tone="success">Saved {saved}.</Notice>}
      {editing && (
        <MemberForm
          key={editing === 'new' ? 'new' : editing.id}
          member={editing === 'new' ? undefined : editing}
          onCancel={() => setEditing(null)}
          onSaved={(m) => {
            list.upsert(m, (x) => x.id);
            setSaved(m.name);
            setEditing(null);
          }}
        />
      )}
      <ErrorBanner error={list.error} onRetry={list.reload} />
      {list.loading && list.items.length === 0 ? (
        <Loading what="members" />
      ) : (
        <DataTable
          caption="Members"
          rows={list.items}
          columns={columns}
          rowKey={(m) => m.id}
          filterLabel="Filter members"
          empty={<EmptyState title="No members yet">Add the first business or resident with “Add member”.</EmptyState>}
        />
      )}
      <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
    </>
  );
}
