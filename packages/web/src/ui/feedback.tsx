/** Messages for the states every page has: loading, empty, failed, done. */
import type { ReactNode } from 'react';
import { isApiError } from '../api/http.ts';

/** Says what went wrong and what to try; shows the stable error id for support. */
export function ErrorBanner({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const id = isApiError(error) ? error.id : null;
  const hint =
    isApiError(error) && error.id === 'validation_failed'
      ? 'Check the fields marked below.'
      : isApiError(error) && error.status === 403
        ? 'Your role does not allow this. Ask a network admin.'
        : null;
  return (
    <div className="banner banner--error" role="alert">
      <p>
        <strong>{message}</strong> {hint}
      </p>
      {id && <p className="muted small">Error code: {id}</p>}
      {onRetry && (
        <button type="button" className="button button--small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Notice({ children, tone = 'info' }: { children: ReactNode; tone?: 'info' | 'success' | 'warning' }) {
  return (
    <div className={`banner banner--${tone}`} role="status">
      {children}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty__title">{title}</p>
      {children && <div className="empty__body">{children}</div>}
    </div>
  );
}

export function PageHeader({ title, intro, actions }: { title: string; intro?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {intro && <p className="page-header__intro">{intro}</p>}
      </div>
      {actions && <div className="page-header__actions">{actions}</div>}
    </header>
  );
}
