/** A typed fetch wrapper: JSON in and out, the CSRF header on every mutating request, typed errors. */

export interface ValidationIssue {
  path: string;
  message: string;
}

/** A failure answered by the hub (or the network): stable id, message for a person, optional details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field problems from a `validation_failed` answer, keyed by field path (e.g. `lat`). */
  fieldErrors(): Record<string, string> {
    const issues = this.details?.issues;
    const out: Record<string, string> = {};
    if (!Array.isArray(issues)) return out;
    for (const issue of issues as Partial<ValidationIssue & { path: string | (string | number)[] }>[]) {
      const path = Array.isArray(issue.path) ? issue.path.join('.') : String(issue.path ?? '');
      const message = String(issue.message ?? 'invalid');
      if (path && !out[path]) out[path] = message;
      // Forms key fields by their own name; a nested path (`body.lat`) also answers to its last part.
      const last = path.split('.').pop();
      if (last && !out[last]) out[last] = message;
    }
    return out;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  /** JSON body (objects) or raw text with `contentType`. */
  body?: unknown;
  contentType?: string;
}

let csrfToken: string | null = null;
const unauthorisedListeners = new Set<() => void>();

/** Remembers the CSRF token from the latest session answer. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when any request answers 401 (the session ended), so the app can show sign-in. */
export function onUnauthorised(listener: () => void): () => void {
  unauthorisedListeners.add(listener);
  return () => unauthorisedListeners.delete(listener);
}

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return `/api/v1${path}${qs ? `?${qs}` : ''}`;
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON (proxy error page, empty body); fall through to a generic message
  }
  const err = (body as { error?: { id?: string; message?: string; details?: Record<string, unknown> } } | null)?.error;
  if (err?.id) return new ApiError(res.status, err.id, err.message ?? err.id, err.details);
  const id = res.status === 429 ? 'rate_limited' : `http_${res.status}`;
  const message = res.status === 429 ? 'Too many attempts. Wait a minute and try again.' : `The server answered ${res.status} ${res.statusText}.`;
  return new ApiError(res.status, id, message);
}

/** Sends one request to `/api/v1{path}` and returns the parsed JSON (undefined for 204). */
export async function request<T>(method: Method, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let body: BodyInit | undefined;
  if (opts.body !== undefined) {
    if (typeof opts.body === 'string') {
      body = opts.body;
      headers['Content-Type'] = opts.contentType ?? 'text/plain';
    } else {
      body = JSON.stringify(opts.body);
      headers['Content-Type'] = 'application/json';
    }
  }
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network_unreachable', 'Could not reach the hub. Check the connection and try again.');
  }
  if (!res.ok) {
    const error = await toApiError(res);
    if (res.status === 401 && !path.startsWith('/auth/') && !path.startsWith('/setup')) {
      for (const l of unauthorisedListeners) l();
    }
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown, query?: Query) => request<T>('POST', path, { body: body ?? {}, query }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  del: (path: string) => request<void>('DELETE', path),
};
