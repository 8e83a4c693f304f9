/** Admin: people who sign in, their role and member; change a role or turn an account off. */
import { useState } from 'react';
import { adminApi } from '../../api/admin.ts';
import { ROLES, type Role, type User } from '../../api/types.ts';
import { useSignedIn } from '../../app/session.tsx';
import { DataTable, LoadMore, type Column } from '../../ui/data-table.tsx';
import { EmptyState, ErrorBanner, Loading, Notice, PageHeader } from '../../ui/feedback.tsx';
import { humanise } from '../../ui/format.tsx';
import { nameOf, useMembers } from '../../ui/lookups.ts';
import { useList } from '../../ui/use-list.ts';
import { useSubmit } from '../../ui/use-submit.ts';
import { UserForm } from './user-form.tsx';

export function UsersPage() {
  const me = useSignedIn().user;
  const list = useList((cursor) => adminApi.users({ cursor, limit: 100 }));
  const members = useMembers();
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const change = useSubmit(adminApi.updateUser);

  const apply = async (u: User, input: { role?: Role; disabled?: boolean }, what: string) => {
    const saved = await change.run(u.id, input);
    if (saved) {
      list.upsert(saved, (x) => x.id);
      setNotice(`${saved.name}: ${what}.`);
    }
  };

  const columns: Column<User>[] = [
    { key: 'name', label: 'Name', value: (u) => u.name, render: (u) => u.name },
    { key: 'email', label: 'Email', value: (u) => u.email, render: (u) => u.email },
    {
      key: 'role',
      label: 'Role',
      value: (u) => u.role,
      render: (u) => (
        <select aria-label={`Role of ${u.name}`} value={u.role} disabled={u.id === me.id || change.busy} onChange={(e) => void apply(u, { role: e.target.value as Role }, `role is now ${e.target.value}`)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {humanise(r)}
            </option>
          ))}
        </select>
      ),
    },
    { key: 'member', label: 'Member', value: (u) => nameOf(members, u.memberId), render: (u) => nameOf(members, u.memberId) },
    { key: 'mfa', label: 'Two-step', value: (u) => (u.mfaEnrolled ? 'on' : 'off'), render: (u) => (u.mfaEnrolled ? 'On' : 'Off') },
    {
      key: 'state',
      label: 'Account',
      value: (u) => (u.disabled ? 'off' : 'on'),
      render: (u) =>
        u.id === me.id ? (
          <span className="muted small">You</span>
        ) : (
          <button
            type="button"
            className={`button button--small ${u.disabled ? 'button--secondary' : 'button--danger'}`}
            disabled={change.busy}
            onClick={() => void apply(u, { disabled: !u.disabled }, u.disabled ? 'account turned on' : 'account turned off')}
          >
            {u.disabled ? `Turn on ${u.name}` : `Turn off ${u.name}`}
          </button>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title="Users"
        intro="People who sign in. Admins, operators and investigators must use two-step sign-in."
        actions={
          <button type="button" className="button button--primary" onClick={() => setAdding(true)}>
            Add user
          </button>
        }
      />
      {notice && <Notice tone="success">{notice}</Notice>}
      <ErrorBanner error={change.error} />
      {adding && (
        <UserForm
          members={members}
          onCancel={() => setAdding(false)}
          onSaved={(u) => {
            list.upsert(u, (x) => x.id);
            setNotice(`Added ${u.name}.`);
            setAdding(false);
          }}
        />
      )}
      <ErrorBanner error={list.error} onRetry={list.reload} />
      {list.loading && list.items.length === 0 ? (
        <Loading what="users" />
      ) : (
        <DataTable caption="Users" rows={list.items} columns={columns} rowKey={(u) => u.id} filterLabel="Filter users" empty={<EmptyState title="No users yet" />} />
      )}
      <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
    </>
  );
}
