/**
 * What an admin reads when a People action is refused. The API's 409 sentences name the person
 * ("… already belongs to Jeanne Dupré", "… is the organisation's last active administrator"):
 * English readers get them as they are, French readers our sentence covering both cases.
 */
import { errorMessage } from '@/composables/useErrorMessage';
import { locale, t } from '@/utils/i18n';
import '@/locales/users';

export function usersErrorMessage(e: unknown): string {
  return locale.value === 'en' ? errorMessage(e) : errorMessage(e, { conflict: t('users.error.conflict') });
}
