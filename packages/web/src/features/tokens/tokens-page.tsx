/** API tokens for scripts and integrations: create (the secret is shown once), list, revoke. */
import { useState, type FormEvent } from 'react';
import { adminApi } from '../../api/admin.ts';
import { ROLES, type ApiToken, type Role } from '../../api/types.ts';
import { DataTable, LoadMore, type Column } from '../../ui/data-table.tsx';
import { EmptyState, ErrorBanner, Loading, Notice, PageHeader } from '../../ui/feedback.tsx';
import { SelectField, TextField, optionsOf } from '../../ui/field.tsx';
import { formatTime, humanise } from '../../ui/format.tsx';
import { toNumber } from '../../ui/numbers.ts';
import { useList } from '../../ui/use-list.ts';
import { useSubmit } from '../../ui/use-submit.ts';

export function TokensPage() {
  const list = useList((cursor) => adminApi.tokens({ cursor, limit: 100 }));
  const [form, setForm] = useState({ name: '', role: 'operator' as Role, expiresInDays: '90' });
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null);
  const create = useSubmit(adminApi.createToken);
  const revoke = useSubmit(adminApi.deleteToken);
  const [revoked, setRevoked] = useState<Set<string>>(new Set());

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await create.run({ name: form.name, role: form.role, expiresInDays: toNumber(form.expiresInDays) });
    if (res) {
      setSecret({ name: res.item.name, token: res.token });
      list.upsert(res.item, (t) => t.id);
      setForm((f) => ({ ...f, name: '' }));
    }
  };

  const remove = async (t: ApiToken) => {
    if (!window.confirm(`Revoke “${t.name}”? Scripts using it stop working at once.`)) return;
    await revoke.run(t.id);
    setRevoked((s) => new Set(s).add(t.id));
  };

  const columns: Column<ApiToken>[] = [
    { key: 'name', label: 'Name', value: (t) => t.name, render: (t) => t.name },
    { key: 'role', label: 'Role', value: (t) => t.role, render: (t) => humanise(t.role) },
    { key: 'created', label: 'Created', value: (t) => t.createdAt, render: (t) => formatTime(t.createdAt) },
    { key: 'expires', label: 'Expires', value: (t) => t.expiresAt ?? '', render: (t) => (t.expiresAt ? formatTime(t.expiresAt) : 'Never') },
    {
      key: 'actions',
      label: 'Actions',
      render: (t) => (
        <button type="button" className="button button--small button--danger" onClick={() => void remove(t)} aria-label={`Revoke ${t.name}`}>
          Revoke
        </button>
      ),
    },
  ];

  return (
    <>
      <PageHeader title="API tokens" intro="Tokens let scripts and other systems use the camnet API. Each acts with one role; every use is audited." />
      <form className="panel form" onSubmit={submit} noValidate aria-labelledby="token-form-title">
        <h2 id="token-form-title">Create a token</h2>
        <ErrorBanner error={create.error} />
        <div className="form-grid">
          <TextField label="Name" required hint="What uses it, e.g. “CAD bridge”." value={form.name} onValue={(name) => setForm({ ...form, name })} error={create.fieldErrors.name} />
          <SelectField label="Role" value={form.role} options={optionsOf(ROLES)} onValue={(role) => setForm({ ...form, role: role as Role })} error={create.fieldErrors.role} />
          <TextField label="Expires after (days)" inputMode="numeric" value={form.expiresInDays} onValue={(expiresInDays) => setForm({ ...form, expiresInDays })} error={create.fieldErrors.expiresInDays} hint="Leave empty for no expiry." />
        </div>
        <div className="row">
          <button type="submit" className="button button--primary" disabled={create.busy || !form.name}>
            Create token
          </button>
        </div>
      </form>
      {secret && (
        <Notice tone="warning">
          <p>
            <strong>Copy the token for “{secret.name}” now.</strong> It is shown only once.
          </p>
          <code className="one-time" data-testid="api-token">
            {secret.token}
          </code>
        </Notice>
      )}
      <ErrorBanner error={revoke.error || list.error} onRetry={list.reload} />
      {list.loading && list.items.length === 0 ? (
        <Loading what="tokens" />
      ) : (
        <DataTable caption="API tokens" rows={list.items.filter((t) => !revoked.has(t.id))} columns={columns} rowKey={(t) => t.id} filterLabel="Filter tokens" empty={<EmptyState title="No tokens yet">Create one above for each script or system.</EmptyState>} />
      )}
      <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
    </>
  );
}
