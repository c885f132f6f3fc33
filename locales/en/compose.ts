/** English for `locales/compose.ts`. */
export const en = {
  account: 'Account',
  signature: 'Signature',
  noSignature: 'No signature',
  keepNativeSignature: 'Keep {webmail}’s own signature',
  replaceNativeSignature: 'Replace {webmail}’s own signature',
  nativeSignatureSetting: 'When {webmail} adds its own signature',
  loading: 'Loading…',
  noAccounts: 'No shared account',
  signedOut: 'Sign in to Mailroom to use shared accounts',
  loadFailed: 'Mailroom could not load your accounts: {message}',
  signatureFailed: 'The signature could not be inserted: {message}',
  fromMismatch: '{webmail} will send this from {from}, not {account}.',
  writeTo: 'Write to {name}',
  writeToSection: 'Write to',
  writeToFrom: 'From account',
};
