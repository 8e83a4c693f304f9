/** A signed-in browser session; only the SHA-256 of the cookie secret is stored. */
export interface Session {
  idHash: string;
  userId: string;
  csrfToken: string;
  mfaState: 'ok' | 'required' | 'enrol_required';
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export interface SessionStore {
  insert(s: Session): Promise<void>;
  find(idHash: string): Promise<Session | null>;
  update(idHash: string, patch: Partial<Pick<Session, 'lastSeenAt' | 'mfaState'>>): Promise<void>;
  delete(idHash: string): Promise<void>;
  deleteForUser(userId: string): Promise<void>;
}

/** One-time links that create the first admin; only hashes are stored. */
export interface SetupTokenStore {
  insert(tokenHash: string, at: string): Promise<void>;
  /** Marks the token used; false if unknown or already used. Atomic. */
  consume(tokenHash: string, at: string): Promise<boolean>;
}
