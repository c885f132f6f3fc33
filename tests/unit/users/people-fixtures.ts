/** People answers shaped as `contract/users.ts` says, for the Users tests. */
import type { AdminUser, UserCredentials } from '@/contract';

let seq = 0;
export function makeAdminUser(over: Partial<AdminUser> = {}): AdminUser {
  seq++;
  return {
    id: `person-${seq}`,
    email: `person${seq}@acme.test`,
    role: 'member',
    firstName: 'Person',
    lastName: String(seq),
    fullName: `Person ${seq}`,
    jobTitle: null,
    phone: null,
    mobile: null,
    active: true,
    status: 'active',
    mustChangePassword: false,
    lastSignInAt: null,
    createdAt: '2026-11-01T10:00:00.000Z',
    accounts: [],
    ...over,
  };
}

export function invitationFor(user: AdminUser): UserCredentials {
  return { user, invitation: { token: `code-for-${user.id}-0123456789abcdef`, expiresAt: '2026-12-09T10:00:00.000Z' } };
}
