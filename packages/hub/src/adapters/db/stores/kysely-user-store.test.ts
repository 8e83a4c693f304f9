import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../testing/test-databases.ts';
import type { UserRecord } from '../../../features/users/user.ts';
import { createKyselyMemberStore } from './kysely-member-store.ts';
import { createKyselyUserStore } from './kysely-user-store.ts';

const now = '2026-11-22T10:00:00.000Z';
const user = (id: string, email: string, role: UserRecord['role'] = 'investigator'): UserRecord => ({
  id, memberId: 'm1', email, name: email.split('@')[0]!, role, passwordHash: 'scrypt$x', disabled: false, failedLogins: 0, lockedUntil: null,
  totpSecret: null, totpEnabled: false, recoveryCodes: [], createdAt: now, updatedAt: now,
});

describeEachDatabase('user store contract', (use) => {
  it('inserts, finds, updates and round-trips every field', async () => {
    await createKyselyMemberStore(use()).insert({ id: 'm1', name: 'Agency', kind: 'agency', contactEmail: null, createdAt: now, updatedAt: now });
    const users = createKyselyUserStore(use());
    await users.insert(user('u1', 'a@x.org'));
    await users.update('u1', { totpSecret: 'ABC', totpEnabled: true, recoveryCodes: ['h1', 'h2'], disabled: true, failedLogins: 3, lockedUntil: now });
    expect(await users.findByEmail('a@x.org')).toMatchObject({ id: 'u1', totpEnabled: true, recoveryCodes: ['h1', 'h2'], disabled: true, failedLogins: 3, lockedUntil: now });
    expect(await users.findById('missing')).toBeNull();
  });

  it('refuses a repeated email with email_taken', async () => {
    const users = createKyselyUserStore(use());
    await expect(users.insert(user('u2', 'a@x.org'))).rejects.toMatchObject({ id: 'email_taken' });
  });

  it('lists with filters and keyset pages', async () => {
    const users = createKyselyUserStore(use());
    for (let i = 3; i <= 9; i++) await users.insert(user(`u${i}`, `p${i}@x.org`, i % 2 ? 'patrol' : 'operator'));
    const page1 = await users.list({}, { limit: 3 });
    const page2 = await users.list({}, { afterId: page1[2]!.id, limit: 3 });
    expect(page1.map((u) => u.id)).toEqual(['u1', 'u3', 'u4']);
    expect(page2.map((u) => u.id)).toEqual(['u5', 'u6', 'u7']);
    expect((await users.list({ role: 'patrol' }, { limit: 50 })).map((u) => u.id)).toEqual(['u3', 'u5', 'u7', 'u9']);
    expect(await users.count()).toBe(8);
  });
});
