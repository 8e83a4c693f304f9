import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { enrolResponseSchema, type EnrolResponse } from '@camnet/core';

const CREDENTIAL_FILE = 'credential.json';

/** The stored identity of an enrolled edge: its id, bearer credential and the hub it belongs to. */
export interface EdgeCredential extends EnrolResponse {
  hubUrl: string;
  enrolledAt: string;
}

/** The edge's stored credential, or null if it has not enrolled yet. */
export function loadCredential(dataDir: string): EdgeCredential | null {
  try {
    return JSON.parse(readFileSync(join(dataDir, CREDENTIAL_FILE), 'utf8')) as EdgeCredential;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/**
 * Exchanges a one-time token for a credential (POST /api/v1/edges/enrol { token } → { edgeId, credential }) and
 * stores it in `dataDir/credential.json`, readable by the edge's user only (0600), written atomically.
 */
export async function enrolEdge(opts: { hubUrl: string; token: string; dataDir: string; fetchImpl?: typeof fetch; now?: () => Date }): Promise<EdgeCredential> {
  const res = await (opts.fetchImpl ?? fetch)(new URL('/api/v1/edges/enrol', opts.hubUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: opts.token }),
    signal: AbortSignal.timeout(15_000),
  });
  const body = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const err = (body as { error?: { id?: string; message?: string } } | null)?.error;
    throw new Error(`enrolment refused (HTTP ${res.status}${err?.id ? ` ${err.id}` : ''}): ${err?.message ?? 'no reason given'}`);
  }
  const parsed = enrolResponseSchema.parse(body);
  const cred: EdgeCredential = { ...parsed, hubUrl: opts.hubUrl, enrolledAt: (opts.now?.() ?? new Date()).toISOString() };
  storeCredential(opts.dataDir, cred);
  return cred;
}

function storeCredential(dataDir: string, cred: EdgeCredential): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const tmp = join(dataDir, `${CREDENTIAL_FILE}.tmp`);
  writeFileSync(tmp, JSON.stringify(cred, null, 2), { mode: 0o600 });
  chmodSync(tmp, 0o600); // mode is ignored when the file already existed
  renameSync(tmp, join(dataDir, CREDENTIAL_FILE));
}
