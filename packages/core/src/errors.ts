/** The kinds of domain failure; the hub maps each to one HTTP status. */
export type ErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'too_many' | 'unavailable';

/** A failure a person can act on: a stable snake_case id, a message for a person, optional details. */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly id: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (id: string, message: string, details?: Record<string, unknown>) => new DomainError('invalid', id, message, details);
export const unauthenticated = (id: string, message: string) => new DomainError('unauthenticated', id, message);
export const forbidden = (id: string, message: string, details?: Record<string, unknown>) => new DomainError('forbidden', id, message, details);
export const notFound = (id: string, message: string, details?: Record<string, unknown>) => new DomainError('not_found', id, message, details);
export const conflict = (id: string, message: string, details?: Record<string, unknown>) => new DomainError('conflict', id, message, details);
export const tooMany = (id: string, message: string, details?: Record<string, unknown>) => new DomainError('too_many', id, message, details);
export const unavailable = (id: string, message: string, details?: Record<string, unknown>) => new DomainError('unavailable', id, message, details);

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
