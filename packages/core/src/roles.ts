/** Who a user is in the network. A user has exactly one role. */
export const ROLES = ['admin', 'operator', 'investigator', 'patrol', 'owner', 'auditor', 'installer'] as const;
export type Role = (typeof ROLES)[number];

/** The kinds of organisation that belong to a network. */
export const MEMBER_KINDS = ['business', 'resident', 'agency', 'vendor', 'network_admin'] as const;
export type MemberKind = (typeof MEMBER_KINDS)[number];

/** Roles whose accounts must use a second factor when the network policy requires MFA. */
export const MFA_ROLES: readonly Role[] = ['admin', 'operator', 'investigator'];

/** Roles that see every member's sites and cameras; the rest see only their own member's. */
export const NETWORK_WIDE_ROLES: readonly Role[] = ['admin', 'operator', 'investigator', 'patrol', 'auditor'];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
