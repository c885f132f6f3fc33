/**
 * One's own profile and password, for everyone. Both answer the new session state, which the
 * session store takes at once (names in the summary, the must-change-password screen gone); the
 * background tells every page and webmail tab that the profile changed (`profile.changed`).
 */
import { defineStore } from 'pinia';
import type { PasswordChangeRequest, ProfilePatch } from '@/contract';
import { send } from '@/messaging/client';
import { useSessionStore } from './session';

export const useProfileStore = defineStore('profile', () => {
  const session = useSessionStore();

  /** Rejects with the API's error (fields included) for the form to show. */
  async function save(patch: ProfilePatch): Promise<void> {
    session.set(await send('me.update', patch));
  }

  async function changePassword(req: PasswordChangeRequest): Promise<void> {
    session.set(await send('me.changePassword', req));
  }

  return { save, changePassword };
});
