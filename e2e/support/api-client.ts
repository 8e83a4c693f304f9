/** Calls the hub's API from a signed-in browser context (its cookies) with the CSRF header, for test set-up. */
import type { BrowserContext } from 'playwright-core';

export async function apiPost<T>(context: BrowserContext, path: string, body: unknown): Promise<T> {
  const session = (await (await context.request.get('/api/v1/auth/session')).json()) as { csrfToken: string };
  const res = await context.request.post(`/api/v1${path}`, { data: body, headers: { 'X-CSRF-Token': session.csrfToken } });
  if (!res.ok()) throw new Error(`POST ${path} → ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}
