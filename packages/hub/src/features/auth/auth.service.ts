import { forbidden, invalid, newId, newSecret, sha256Hex, unauthenticated, DomainError } from '@camnet/core';
import type { Role } from '@camnet/core';
import type { Principal } from '../../http/principal.ts';
import type { MemberStore } from '../members/member.store.ts';
import type { PasswordHasher } from '../users/password-hasher.ts';
import { passwordProblem } from '../users/password-hasher.ts';
import type { UserRecord } from '../users/user.ts';
import type { UserStore } from '../users/user.store.ts';
import type { Session, SessionStore, SetupTokenStore } from './session.store.ts';
import { checkTotp, newTotpSecret, qrSvg, totpFor } from './totp.ts';

export interface AuthPolicy {
  idleMinutes: number;
  absoluteHours: number;
  maxFailures: number;
  lockoutMinutes: number;
  mfaRequiredRoles: readonly Role[];
  issuer: string;
}

export interface AuthServiceDeps {
  users: UserStore;
  members: MemberStore;
  sessions: SessionStore;
  setupTokens: SetupTokenStore;
  hasher: PasswordHasher;
  policy: AuthPolicy;
  clock: () => Date;
}

/** A new session: the cookie secret (given to the browser once) and what the page needs. */
export interface SignedIn {
  secret: string;
  session: Session;
  user: UserRecord;
}

export type AuthService = ReturnType<typeof createAuthService>;

// A hash to compare against when the email is unknown, so timing does not reveal which accounts exist.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$' + 'A'.repeat(86) + '==';

/** Sign-in, sessions, second factor and first-run set-up. */
export function createAuthService(deps: AuthServiceDeps) {
  const { users, members, sessions, setupTokens, hasher, policy, clock } = deps;

  const mfaStateFor = (u: UserRecord): Session['mfaState'] =>
    u.totpEnabled ? 'required' : policy.mfaRequiredRoles.includes(u.role) ? 'enrol_required' : 'ok';

  async function openSession(user: UserRecord, mfaState: Session['mfaState']): Promise<SignedIn> {
    const now = clock();
    const secret = newSecret();
    const session: Session = {
      idHash: sha256Hex(secret), userId: user.id, csrfToken: newSecret(18), mfaState,
      createdAt: now.toISOString(), lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + policy.absoluteHours * 3_600_000).toISOString(),
    };
    await sessions.insert(session);
    return { secret, session, user };
  }

  function toPrincipal(user: UserRecord, s: Session): Principal {
    return { userId: user.id, email: user.email, role: user.role, memberId: user.memberId, via: 'session', mfa: s.mfaState, sessionId: s.idHash, csrfToken: s.csrfToken };
  }

  return {
    /** Checks the password; locks the account for `lockoutMinutes` after `maxFailures` failures in a row. */
    async login(email: string, password: string): Promise<SignedIn> {
      const now = clock();
      const user = await users.findByEmail(email.trim().toLowerCase());
      if (!user) {
        await hasher.verify(password, DUMMY_HASH);
        throw unauthenticated('invalid_credentials', 'That email and password do not match an account.');
      }
      if (user.lockedUntil && user.lockedUntil > now.toISOString()) {
        throw new DomainError('unauthenticated', 'account_locked', `Too many failed sign-ins: the account is locked until ${user.lockedUntil}.`, { lockedUntil: user.lockedUntil });
      }
      const ok = await hasher.verify(password, user.passwordHash);
      if (!ok) {
        const failures = user.failedLogins + 1;
        const lock = failures >= policy.maxFailures;
        await users.update(user.id, {
          failedLogins: lock ? 0 : failures,
          lockedUntil: lock ? new Date(now.getTime() + policy.lockoutMinutes * 60_000).toISOString() : user.lockedUntil,
        });
        throw unauthenticated('invalid_credentials', 'That email and password do not match an account.');
      }
      if (user.disabled) throw forbidden('account_disabled', 'This account is disabled. Ask your network admin.');
      if (user.failedLogins > 0 || user.lockedUntil) await users.update(user.id, { failedLogins: 0, lockedUntil: null });
      return openSession(user, mfaStateFor(user));
    },

    /** The principal for a session cookie, or null when unknown, idle too long or past its lifetime. */
    async resolveSession(secret: string): Promise<Principal | null> {
      const s = await sessions.find(sha256Hex(secret));
      if (!s) return null;
      const now = clock();
      const idleLimit = new Date(now.getTime() - policy.idleMinutes * 60_000).toISOString();
      if (s.expiresAt <= now.toISOString() || s.lastSeenAt < idleLimit) {
        await sessions.delete(s.idHash);
        return null;
      }
      const user = await users.findById(s.userId);
      if (!user || user.disabled) return null;
      // Touch at most once a minute: enough for a 30-minute idle timeout, far fewer writes.
      if (now.getTime() - Date.parse(s.lastSeenAt) > 60_000) await sessions.update(s.idHash, { lastSeenAt: now.toISOString() });
      return toPrincipal(user, s);
    },

    async logout(sessionId: string): Promise<void> {
      await sessions.delete(sessionId);
    },

    /** Accepts a TOTP code or an unused recovery code (which is then spent). */
    async verifySecondFactor(p: Principal, code: string): Promise<UserRecord> {
      const user = await users.findById(p.userId);
      if (!user?.totpEnabled || !user.totpSecret || !p.sessionId) throw invalid('mfa_not_enrolled', 'Two-step sign-in is not set up for this account.');
      const trimmed = code.trim();
      if (!checkTotp(user.totpSecret, trimmed, clock())) {
        const hash = sha256Hex(trimmed.toLowerCase());
        if (!user.recoveryCodes.includes(hash)) throw unauthenticated('invalid_mfa_code', 'That code is not right. Codes change every 30 seconds.');
        await users.update(user.id, { recoveryCodes: user.recoveryCodes.filter((c) => c !== hash) });
      }
      await sessions.update(p.sessionId, { mfaState: 'ok' });
      return user;
    },

    /** Starts TOTP enrolment: a new secret, its otpauth URL and a QR code. Not active until confirmed. */
    async beginEnrolment(p: Principal) {
      const user = await users.findById(p.userId);
      if (!user) throw unauthenticated('not_signed_in', 'Sign in to continue.');
      if (user.totpEnabled && p.mfa !== 'ok') throw forbidden('mfa_required', 'Enter your current code first.');
      const secret = newTotpSecret();
      await users.update(user.id, { totpSecret: secret, totpEnabled: false, updatedAt: clock().toISOString() });
      const otpauthUrl = totpFor(secret, user.email, policy.issuer).toString();
      return { secret, otpauthUrl, qrSvg: await qrSvg(otpauthUrl) };
    },

    /** Confirms enrolment with a first code; returns ten recovery codes, shown once. */
    async confirmEnrolment(p: Principal, code: string): Promise<{ recoveryCodes: string[]; user: UserRecord }> {
      const user = await users.findById(p.userId);
      if (!user?.totpSecret || !p.sessionId) throw invalid('mfa_enrolment_not_started', 'Start setting up two-step sign-in first.');
      if (!checkTotp(user.totpSecret, code, clock())) throw unauthenticated('invalid_mfa_code', 'That code is not right. Check the time on your phone and try the newest code.');
      const recoveryCodes = Array.from({ length: 10 }, () => newSecret(8).toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 10));
      await users.update(user.id, { totpEnabled: true, recoveryCodes: recoveryCodes.map((c) => sha256Hex(c)), updatedAt: clock().toISOString() });
      await sessions.update(p.sessionId, { mfaState: 'ok' });
      return { recoveryCodes, user: { ...user, totpEnabled: true } };
    },

    /** On a hub with no accounts, issues a one-time set-up token (printed as a link); otherwise null. */
    async issueSetupTokenIfEmpty(): Promise<string | null> {
      if ((await users.count()) > 0) return null;
      const token = newSecret();
      await setupTokens.insert(sha256Hex(token), clock().toISOString());
      return token;
    },

    async needsSetup(): Promise<boolean> {
      return (await users.count()) === 0;
    },

    /** Creates the network-admin member and the first admin with a one-time token, and signs them in. */
    async completeSetup(input: { token: string; email: string; name: string; password: string; networkName: string }): Promise<SignedIn> {
      const problem = passwordProblem(input.password);
      if (problem) throw invalid('password_too_weak', problem);
      if ((await users.count()) > 0) throw forbidden('setup_already_done', 'This hub is already set up. Sign in instead.');
      const now = clock().toISOString();
      if (!(await setupTokens.consume(sha256Hex(input.token), now))) throw forbidden('setup_token_invalid', 'This set-up link is not valid or was already used. Restart the hub to get a new one.');
      const memberId = newId();
      await members.insert({ id: memberId, name: input.networkName, kind: 'network_admin', contactEmail: input.email, createdAt: now, updatedAt: now });
      const user: UserRecord = {
        id: newId(), memberId, email: input.email.trim().toLowerCase(), name: input.name.trim(), role: 'admin',
        passwordHash: await hasher.hash(input.password), disabled: false, failedLogins: 0, lockedUntil: null,
        totpSecret: null, totpEnabled: false, recoveryCodes: [], createdAt: now, updatedAt: now,
      };
      await users.insert(user);
      return openSession(user, mfaStateFor(user));
    },

    toPrincipal,

    async toUser(userId: string): Promise<UserRecord> {
      const user = await users.findById(userId);
      if (!user) throw unauthenticated('not_signed_in', 'Sign in to continue.');
      return user;
    },
  };
}
