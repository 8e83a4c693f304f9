import type { Role } from '@camnet/core';

/** A user account as stored, secrets included. Never leaves the hub as is: see `presentUser`. */
export interface UserRecord {
  id: string;
  memberId: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
  failedLogins: number;
  lockedUntil: string | null;
  totpSecret: string | null;
  totpEnabled: boolean;
  /** SHA-256 hashes of unused recovery codes. */
  recoveryCodes: string[];
  createdAt: string;
  updatedAt: string;
}

/** The public view of a user. */
export function presentUser(u: UserRecord) {
  return {
    id: u.id, memberId: u.memberId, email: u.email, name: u.name, role: u.role, disabled: u.disabled,
    mfaEnrolled: u.totpEnabled, lockedUntil: u.lockedUntil, createdAt: u.createdAt, updatedAt: u.updatedAt,
  };
}
export type UserView = ReturnType<typeof presentUser>;
