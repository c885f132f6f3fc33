/** The values of every merge tag for one user writing from one account. */
import type { MergeValues } from '../../../contract/merge-tags';

export interface MergeSubject {
  user: { firstName: string; lastName: string; jobTitle: string | null; email: string; phone: string | null; mobile: string | null };
  account: { address: string; displayName: string };
  org: { name: string };
}

export function mergeValuesFor({ user, account, org }: MergeSubject): MergeValues {
  return {
    'user.firstName': user.firstName,
    'user.lastName': user.lastName,
    'user.fullName': `${user.firstName} ${user.lastName}`.trim(),
    'user.jobTitle': user.jobTitle ?? '',
    'user.email': user.email,
    'user.phone': user.phone ?? '',
    'user.mobile': user.mobile ?? '',
    'account.address': account.address,
    // An account without a display name is known by its address.
    'account.name': account.displayName || account.address,
    'org.name': org.name,
  };
}
