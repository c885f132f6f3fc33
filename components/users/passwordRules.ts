/**
 * The client-side check of a new password typed twice, with the contract's rule (at least 8
 * characters, `newPasswordSchema`) so the form and the API never disagree.
 */
import { newPasswordSchema } from '@/contract';
import { t } from '@/utils/i18n';
import '@/locales/users';

export function passwordProblem(password: string, again: string): { first: string; second: string } {
  if (!newPasswordSchema.safeParse(password).success) return { first: t('users.password.tooShort'), second: '' };
  if (password !== again) return { first: '', second: t('users.password.mismatch') };
  return { first: '', second: '' };
}
