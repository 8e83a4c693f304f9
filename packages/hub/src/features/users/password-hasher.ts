/** Slow, salted password hashing (the adapter picks the algorithm). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
}

/** The network's password rule: long enough to resist guessing, no composition rules (NIST 800-63B). */
export function passwordProblem(password: string): string | null {
  if (password.length < 12) return 'Use at least 12 characters.';
  if (password.length > 256) return 'Use at most 256 characters.';
  return null;
}
