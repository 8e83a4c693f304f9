/** A table that filters (text) and sorts (click a column heading) the rows it is given. */
import { useMemo, useState, type ReactNode } from 'react';

export interface Column<T> {
  key: string;
  label: string;
  render: (row: T) => ReactNode;
  /** The value sorted and searched on; omit to make the column neither. */
  value?: (row: T) => string | number | null | undefined;
  className?: string;
}

export interface DataTableProps<T> {
  caption: string;
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  filterLabel?: string;
  empty?: ReactNode;
  toolbar?: ReactNode;
}

type Sort = { key: string; dir: 1 | -1 } | null;

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
}

export function DataTable<T>({ caption, rows, columns, rowKey, filterLabel = 'Filter', empty, toolbar }: DataTableProps<T>) {
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<Sort>(null);

  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const searchable = columns.filter((c) => c.value);
    let out = needle
      ? rows.filter((r) => searchable.some((c) => String(c.value!(r) ?? '').toLowerCase().includes(needle)))
      : rows;
    const col = sort && columns.find((c) => c.key === sort.key);
    if (sort && col?.value) out = [...out].sort((a, b) => compare(col.value!(a), col.value!(b)) * sort.dir);
    return out;
  }, [rows, columns, filter, sort]);

  const toggle = (key: string) =>
    setSort((s) => (s?.key !== key ? { key, dir: 1 } : s.dir === 1 ? { key, dir: -1 } : null));

  return (
    <div className="table-wrap">
      <div className="table-toolbar">
        <label className="table-filter">
          <span>{filterLabel}</span>
          <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </label>
        {toolbar}
        <span className="muted small" aria-live="polite">
          {shown.length === rows.length ? `${rows.length} shown` : `${shown.length} of ${rows.length} shown`}
        </span>
      </div>
      {rows.length === 0 && empty ? (
        empty
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
          <table className="table">
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th
                    key={c.key}
                    scope="col"
                    className={c.className}
                    aria-sort={sort?.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : undefined}
                  >
                    {c.value ? (
                      <button type="button" className="sort-button" onClick={() => toggle(c.key)}>
                        {c.label}
                        <span aria-hidden="true">{sort?.key === c.key ? (sort.dir === 1 ? ' ▲' : ' ▼') : ' ↕'}</span>
                      </button>
                    ) : (
                      c.label
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={rowKey(r)}>
                  {columns.map((c) => (
                    <td key={c.key} className={c.className}>
                      {c.render(r)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** "Load more" under a list that has another page. */
export function LoadMore({ hasMore, loading, onClick }: { hasMore: boolean; loading: boolean; onClick: () => void }) {
  if (!hasMore) return null;
  return (
    <button type="button" className="button button--secondary" disabled={loading} onClick={onClick}>
      {loading ? 'Loading…' : 'Load more'}
    </button>
  );
}
