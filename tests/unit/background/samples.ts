/** API answers shaped as `contract/` says, for background, store and component tests. */
import type { EmailAccount, MeResponse, User } from '@/contract';

export const alice: User = {
  id: 'u-alice',
  email: 'alice@demo.test',
  role: 'member',
  firstName: 'Alice',
  lastName: 'Martin',
  fullName: 'Alice Martin',
  jobTitle: null,
  phone: null,
  mobile: null,
};
export const admin: User = { ...alice, id: 'u-admin', email: 'admin@demo.test', role: 'admin', firstName: 'Ada', fullName: 'Ada Admin' };

export const org = { id: 'o-1', name: 'Demo SARL', quota: 5, activeAccounts: 2 };
export const meAlice: MeResponse = { user: alice, org };
export const meAdmin: MeResponse = { user: admin, org };

export function account(id: string, address: string, isDefault: boolean): EmailAccount {
  return {
    id,
    address,
    displayName: address.split('@')[0]!,
    active: true,
    incoming: null,
    outgoing: null,
    userCount: 2,
    processedCount: 0,
    lastSyncAt: null,
    lastSyncError: null,
    sync: { state: 'idle', lastSyncAt: null, messages: 0, progress: null, lastError: null, lastErrorCode: null, lastErrorAt: null },
    createdAt: '2026-11-27T08:00:00.000Z',
    myAccess: { isDefault, defaultSignatureId: null, expiresAt: null },
  };
}
