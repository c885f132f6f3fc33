/**
 * The People messages: the admin console's list of users (add, edit, deactivate, new way in), an
 * invited person redeeming their code, and one's own profile and password. Session-changing ones
 * go through `Session`, which keeps the token and tells the pages.
 */
import type { Session } from './session';
import type { Handlers } from './handlers';

type PeopleMessage =
  | 'admin.users.list'
  | 'admin.users.create'
  | 'admin.users.update'
  | 'admin.users.setActive'
  | 'admin.users.reissue'
  | 'invitations.inspect'
  | 'invitations.accept'
  | 'me.update'
  | 'me.changePassword';

export function createPeopleHandlers(session: Session): Pick<Handlers, PeopleMessage> {
  const api = () => session.api();
  return {
    'admin.users.list': async (req) => (await api()).listUsers(req),
    'admin.users.create': async (req) => (await api()).createUser(req),
    'admin.users.update': async ({ id, patch }) => {
      const user = await (await api()).updateUser(id, patch);
      await session.noteUserEdited(id);
      return user;
    },
    'admin.users.setActive': async ({ id, active }) => (await api()).setUserActive(id, active),
    'admin.users.reissue': async ({ id, temporaryPassword }) => (await api()).reissueCredentials(id, temporaryPassword),

    'invitations.inspect': (req) => session.inspectInvitation(req),
    'invitations.accept': (req) => session.acceptInvitation(req),
    'me.update': (req) => session.updateProfile(req),
    'me.changePassword': (req) => session.changePassword(req),
  };
}
