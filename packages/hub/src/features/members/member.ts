import type { MemberKind } from '@camnet/core';

/** An organisation in the network. */
export interface Member {
  id: string;
  name: string;
  kind: MemberKind;
  contactEmail: string | null;
  createdAt: string;
  updatedAt: string;
}
