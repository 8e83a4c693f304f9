/** Sign-in, MFA and first-run set-up. Every session answer refreshes the CSRF token. */
import { api, setCsrfToken } from './http.ts';
import type { PublicConfig, Session } from './types.ts';

function remember(session: Session): Session {
  setCsrfToken(session.csrfToken);
  return session;
}

export interface MfaEnrolment {
  secret: string;
  otpauthUrl: string;
  qrSvg: string;
}

export const authApi = {
  session: async () => remember(await api.get<Session>('/auth/session')),
  login: async (email: string, password: string) => remember(await api.post<Session>('/auth/login', { email, password })),
  verifyMfa: async (code: string) => remember(await api.post<Session>('/auth/mfa/verify', { code })),
  startEnrolment: () => api.post<MfaEnrolment>('/auth/mfa/enrol'),
  confirmEnrolment: async (code: string) => {
    const res = await api.post<{ recoveryCodes: string[]; session: Session }>('/auth/mfa/enrol/confirm', { code });
    remember(res.session);
    return res;
  },
  logout: async () => {
    await api.post<void>('/auth/logout');
    setCsrfToken(null);
  },
  setupStatus: () => api.get<{ needsSetup: boolean }>('/setup/status'),
  setup: async (input: { token: string; email: string; name: string; password: string }) =>
    remember(await api.post<Session>('/setup', input)),
  publicConfig: () => api.get<PublicConfig>('/config/public'),
};
