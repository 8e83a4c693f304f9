import type { Role } from '@camnet/core';

/** Who is making a request, resolved once per request from a session cookie or an API token. */
export interface Principal {
  userId: string;
  email: string;
  role: Role;
  memberId: string;
  via: 'session' | 'token';
  /** 'ok' once the second factor is satisfied (or not required); tokens are always 'ok'. */
  mfa: 'ok' | 'required' | 'enrol_required';
  sessionId?: string;
  csrfToken?: string;
  tokenId?: string;
}

/** The actor string written to the audit log for a principal. */
export function actorOf(p: Principal | null, fallback = 'anonymous'): string {
  return p ? p.email : fallback;
}
