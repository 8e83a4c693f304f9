/** Auditors and admins: the append-only, hash-chained audit log, filtered on the server, with chain verification. */
import { useState, type FormEvent } from 'react';
import { adminApi, type AuditQuery } from '../../api/admin.ts';
import type { AuditRecord, AuditVerifyResult } from '../../api/types.ts';
import { DataTable, LoadMore, type Column } from '../../ui/data-table.tsx';
import { EmptyState, ErrorBanner, Loading, Notice, PageHeader } from '../../ui/feedback.tsx';
import { TextField } from '../../ui/field.tsx';
import { formatTime } from '../../ui/format.tsx';
import { useList } from '../../ui/use-list.ts';
import { useSubmit } from '../../ui/use-submit.ts';

const toIso = (local: string) => (local ? new Date(local).toISOString() : undefined);

function VerifyResult({ result }: { result: AuditVerifyResult }) {
  return result.ok ? (
    <Notice tone="success">The chain is intact: {result.checked} records checked, none altered or missing.</Notice>
  ) : (
    <div className="banner banner--error" role="alert">
      <strong>The chain is broken at record {result.brokenSeq}.</strong> {result.reason} ({result.checked} records checked.) Report this to the
      network admin and keep a copy of the database.
    </div>
  );
}

export function AuditPage() {
  const [draft, setDraft] = useState({ actor: '', action: '', from: '', to: '' });
  const [filters, setFilters] = useState<AuditQuery>({});
  const list = useList((cursor) => adminApi.audit({ ...filters, cursor, limit: 100 }), [filters]);
  const verify = useSubmit(adminApi.verifyAudit);
  const [result, setResult] = useState<AuditVerifyResult | null>(null);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilters({ actor: draft.actor || undefined, action: draft.action || undefined, from: toIso(draft.from), to: toIso(draft.to) });
  };

  const columns: Column<AuditRecord>[] = [
    { key: 'seq', label: '#', className: 'num', value: (r) => r.seq, render: (r) => r.seq },
    { key: 'at', label: 'When', value: (r) => r.at, render: (r) => formatTime(r.at) },
    { key: 'actor', label: 'Who', value: (r) => r.actor, render: (r) => r.actor },
    { key: 'action', label: 'Action', value: (r) => r.action, render: (r) => <code>{r.action}</code> },
    { key: 'target', label: 'Target', value: (r) => r.target ?? '', render: (r) => r.target ?? '—' },
    { key: 'purpose', label: 'Why', value: (r) => r.purpose ?? '', render: (r) => r.purpose ?? '—' },
    { key: 'outcome', label: 'Outcome', value: (r) => r.outcome, render: (r) => r.outcome },
    { key: 'hash', label: 'Hash', render: (r) => <code title={r.hash}>{r.hash.slice(0, 10)}…</code> },
  ];

  return (
    <>
      <PageHeader
        title="Audit log"
        intro="Every sign-in, search, view, export and change, in order. Each record is chained to the one before by a hash, so an edit anywhere breaks the chain."
        actions={
          <button type="button" className="button button--primary" disabled={verify.busy} onClick={() => void verify.run().then((r) => r && setResult(r))}>
            {verify.busy ? 'Verifying…' : 'Verify chain'}
          </button>
        }
      />
      {result && <VerifyResult result={result} />}
      <ErrorBanner error={verify.error} />
      <form className="panel form" onSubmit={apply} role="search" aria-label="Filter the audit log">
        <div className="form-grid">
          <TextField label="Who (actor)" value={draft.actor} onValue={(actor) => setDraft({ ...draft, actor })} />
          <TextField label="Action" hint="e.g. auth.login, camera.update" value={draft.action} onValue={(action) => setDraft({ ...draft, action })} />
          <TextField label="From" type="datetime-local" value={draft.from} onValue={(from) => setDraft({ ...draft, from })} />
          <TextField label="To" type="datetime-local" value={draft.to} onValue={(to) => setDraft({ ...draft, to })} />
        </div>
        <div className="row">
          <button type="submit" className="button button--secondary">
            Apply filters
          </button>
        </div>
      </form>
      <ErrorBanner error={list.error} onRetry={list.reload} />
      {list.loading && list.items.length === 0 ? (
        <Loading what="audit records" />
      ) : (
        <DataTable caption="Audit records" rows={list.items} columns={columns} rowKey={(r) => String(r.seq)} filterLabel="Filter loaded records" empty={<EmptyState title="No records match these filters" />} />
      )}
      <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
    </>
  );
}
