/** English for `locales/session.ts`. */
export const en = {
  serverUrl: 'Server URL',
  email: 'Email',
  password: 'Password',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  signOut: 'Sign out',
  signedInAs: 'Signed in as',
  onServer: 'Server',
  organisation: 'Organisation',
  roleAdmin: 'Administrator',
  roleMember: 'Member',
  badCredentials: 'Wrong email or password.',
  permissionDenied: 'Mailroom needs your permission to reach {origin}. Allow it to sign in.',
};
