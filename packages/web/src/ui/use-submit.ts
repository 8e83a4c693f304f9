/** Runs a form's API call and keeps what the form shows: busy, the error, and per-field messages. */
import { useState } from 'react';
import { isApiError } from '../api/http.ts';

export interface SubmitState<A extends unknown[], R> {
  busy: boolean;
  error: unknown;
  fieldErrors: Record<string, string>;
  /** Resolves to the result, or undefined when the call failed (the error is then shown). */
  run(...args: A): Promise<R | undefined>;
  clear(): void;
}

export function useSubmit<A extends unknown[], R>(fn: (...args: A) => Promise<R>): SubmitState<A, R> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const clear = () => {
    setError(null);
    setFieldErrors({});
  };
  const run = async (...args: A) => {
    setBusy(true);
    clear();
    try {
      return await fn(...args);
    } catch (e) {
      setError(e);
      if (isApiError(e)) setFieldErrors(e.fieldErrors());
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, fieldErrors, run, clear };
}
