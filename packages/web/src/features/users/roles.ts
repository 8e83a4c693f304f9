/** Roles in words, with what each may do (shown beside the role picker). */
import type { Role } from '../../api/types.ts';

export const ROLE_LABEL: Record<Role, string> = {
  admin: 'Admin: runs the network',
  operator: 'Operator: crime-centre wall',
  investigator: 'Investigator: search and cases',
  patrol: 'Patrol: alerts on the road',
  owner: 'Owner: their own cameras',
  auditor: 'Auditor: reads the audit log',
  installer: 'Installer: sets up cameras',
};
