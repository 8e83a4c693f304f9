import { NETWORK_WIDE_ROLES } from '@camnet/core';
import type { Principal } from './principal.ts';

/** True for roles that see every member's records; owners and installers see only their own member's. */
export function seesWholeNetwork(p: Principal): boolean {
  return NETWORK_WIDE_ROLES.includes(p.role);
}
