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
 * Why a code does not work, from its error code (used, replaced, expired: locales/errors.ts); the
 * page says more than the generic line for a code that matches nothing and one that ended.
 */
export function invitationRefusal(e: unknown): string {
  const err = protocolError(e);
  return errorMessage(e, { invitation_invalid: t(err.status === 404 ? 'users.invite.notValid' : 'users.invite.ended') });
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
