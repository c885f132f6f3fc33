/**
 * Redeeming an invitation in the options page, for someone not signed in: the code is checked
 * with the server (who and which organisation it is for), then the person's password signs them in.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { InvitationInfo } from '@/contract';
import { send } from '@/messaging/client';
import { errorMessage, protocolError } from '@/composables/useErrorMessage';
import { t } from '@/utils/i18n';
import { invitationCodeFrom } from '@/utils/invitation-code';
import { useSessionStore } from './session';
import '@/locales/users';

/**
 * The server tells the reasons apart in its English sentence only (one code, 404 or 410): read the
 * reason from it so French readers get the same precision.
 */
export function invitationRefusal(e: unknown): string {
  const err = protocolError(e);
  if (err.code !== 'invitation_invalid') return errorMessage(e);
  if (err.status === 404) return t('users.invite.notValid');
  const reason = err.message.toLowerCase();
  if (reason.includes('already been used')) return t('users.invite.used');
  if (reason.includes('replaced')) return t('users.invite.replaced');
  if (reason.includes('expired')) return t('users.invite.expired');
  return t('users.invite.ended');
}

export const useInvitationStore = defineStore('invitation', () => {
  const session = useSessionStore();
  const code = ref('');
  /** Who the checked code is for; null until checked. */
  const info = ref<InvitationInfo | null>(null);
  const busy = ref(false);
  const error = ref('');
  /** Field errors from the API (`password`), in the UI language where we have one. */
  const passwordError = ref('');

  async function inspect(serverUrl: string, pasted: string): Promise<boolean> {
    code.value = invitationCodeFrom(pasted);
    info.value = null;
    error.value = '';
    busy.value = true;
    try {
      info.value = await send('invitations.inspect', { serverUrl, token: code.value });
      return true;
    } catch (e) {
      error.value = invitationRefusal(e);
      return false;
    } finally {
      busy.value = false;
    }
  }

  async function accept(serverUrl: string, password: string): Promise<boolean> {
    error.value = '';
    passwordError.value = '';
    busy.value = true;
    try {
      session.set(await send('invitations.accept', { serverUrl, token: code.value, password }));
      reset();
      return true;
    } catch (e) {
      const err = protocolError(e);
      if (err.fields?.password) passwordError.value = t('users.password.tooShort');
      else error.value = invitationRefusal(e);
      return false;
    } finally {
      busy.value = false;
    }
  }

  function reset(): void {
    code.value = '';
    info.value = null;
    error.value = '';
    passwordError.value = '';
  }

  return { code, info, busy, error, passwordError, inspect, accept, reset };
});
