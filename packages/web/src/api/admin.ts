/** Users, API tokens and the audit log. */
import { api } from './http.ts';
import type { ApiToken, AuditRecord, AuditVerifyResult, Page, Role, User } from './types.ts';
import type { ListQuery } from './registry.ts';

export interface UserInput {
  email: string;
  name: string;
  role: Role;
  memberId: string;
  password: string;
}

export interface AuditQuery extends ListQuery {
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
}

export const adminApi = {
  users: (q: ListQuery = {}) => api.get<Page<User>>('/users', { ...q }),
  createUser: (input: UserInput) => api.post<User>('/users', input),
  updateUser: (id: string, input: { role?: Role; disabled?: boolean }) => api.patch<User>(`/users/${id}`, input),

  tokens: (q: ListQuery = {}) => api.get<Page<ApiToken>>('/tokens', { ...q }),
  createToken: (input: { name: string; role: Role; expiresInDays?: number }) => api.post<{ token: string; item: ApiToken }>('/tokens', input),
  deleteToken: (id: string) => api.del(`/tokens/${id}`),

  audit: (q: AuditQuery = {}) => api.get<Page<AuditRecord>>('/audit', { ...q }),
  verifyAudit: () => api.get<AuditVerifyResult>('/audit/verify'),
};
