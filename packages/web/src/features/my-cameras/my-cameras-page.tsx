/** Camera owners (often on a phone): their cameras, one card each, in plain words. */
import { registryApi } from '../../api/registry.ts';
import { useSignedIn } from '../../app/session.tsx';
import { LoadMore } from '../../ui/data-table.tsx';
import { EmptyState, ErrorBanner, Loading, PageHeader } from '../../ui/feedback.tsx';
import { useList } from '../../ui/use-list.ts';
import { CameraCard } from './camera-card.tsx';

export function MyCamerasPage() {
  const { user } = useSignedIn();
  const list = useList((cursor) => registryApi.cameras({ cursor, limit: 50, memberId: user.memberId ?? undefined }), [user.memberId]);
  const waiting = list.items.filter((c) => !c.publicViewAttested).length;

  return (
    <>
      <PageHeader
        title="My cameras"
        intro="Your cameras, what each one sees, and who may see its video. You decide; nothing is shared until you choose."
      />
      {waiting > 0 && (
        <div className="banner banner--warning" role="status">
          {waiting === 1 ? '1 camera is' : `${waiting} cameras are`} waiting for you to confirm what it sees. Until you do, it is not used.
        </div>
      )}
      <ErrorBanner error={list.error} onRetry={list.reload} />
      {list.loading && list.items.length === 0 ? (
        <Loading what="your cameras" />
      ) : list.items.length === 0 ? (
        <EmptyState title="You have no cameras yet">The volunteer who installs your camera adds it here. Ask your network admin if one is missing.</EmptyState>
      ) : (
        <ul className="cards" aria-label="My cameras">
          {list.items.map((c) => (
            <li key={c.id}>
              <CameraCard camera={c} onChange={(next) => list.upsert(next, (x) => x.id)} />
            </li>
          ))}
        </ul>
      )}
      <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
    </>
  );
}
