/** Loads small reference lists (members, sites, cameras) once per page for select boxes and name lookups. */
import { useEffect, useState } from 'react';
import { registryApi } from '../api/registry.ts';
import type { Camera, Member, Page, Site } from '../api/types.ts';

async function all<T>(fetch: (cursor: string | null) => Promise<Page<T>>, max = 20): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < max; i++) {
    const page: Page<T> = await fetch(cursor);
    out.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return out;
}

/** Every camera in the registry (up to 5,000), page by page. */
export const allCameras = (): Promise<Camera[]> => all((cursor) => registryApi.cameras({ cursor, limit: 200 }), 25);

export function useMembers(enabled = true): Member[] {
  const [members, setMembers] = useState<Member[]>([]);
  useEffect(() => {
    if (!enabled) return;
    all((cursor) => registryApi.members({ cursor, limit: 200 })).then(setMembers, () => setMembers([]));
  }, [enabled]);
  return members;
}

export function useSites(enabled = true, version = 0): Site[] {
  const [sites, setSites] = useState<Site[]>([]);
  useEffect(() => {
    if (!enabled) return;
    all((cursor) => registryApi.sites({ cursor, limit: 200 })).then(setSites, () => setSites([]));
  }, [enabled, version]);
  return sites;
}

export const nameOf = <T extends { id: string; name: string }>(list: T[], id: string | null | undefined) =>
  list.find((x) => x.id === id)?.name ?? id ?? '—';
