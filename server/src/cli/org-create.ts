/**
 * `npm run org:create -- --name "Globex" --admin-email ada@globex.com --quota 5 [--admin-first-name Ada
 * --admin-last-name Lovelace]`: a new organisation on this server and its first administrator, who
 * gets in with the invitation printed here. The only way organisations are made (the API makes none).
 */
import { parseArgs } from 'node:util';
import { emailAddressSchema } from '../../../contract/common';
import { loadConfig } from '../config';
import { createDatabase, databaseTarget } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { createOrganisationWithInvitedAdmin } from '../orgs/orgs.service';

class UsageError extends Error {}

function readOptions(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      name: { type: 'string' },
      'admin-email': { type: 'string' },
      quota: { type: 'string' },
      'admin-first-name': { type: 'string' },
      'admin-last-name': { type: 'string' },
    },
    strict: true,
  });
  const name = values.name?.trim();
  if (!name) throw new UsageError('Give the organisation a name: --name "Globex".');
  const email = emailAddressSchema.safeParse(values['admin-email'] ?? '');
  if (!email.success) throw new UsageError('Give the administrator\'s email address: --admin-email ada@globex.com.');
  const quota = Number(values.quota);
  if (values.quota === undefined || !Number.isInteger(quota) || quota < 0) {
    throw new UsageError('Give the number of active email accounts the organisation may have: --quota 5.');
  }
  return {
    name,
    quota,
    admin: { email: email.data, firstName: values['admin-first-name']?.trim() || 'Admin', lastName: values['admin-last-name']?.trim() || '' },
  };
}

async function main(): Promise<void> {
  let options: ReturnType<typeof readOptions>;
  try {
    options = readOptions(process.argv.slice(2));
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    console.error('Usage: npm run org:create -- --name "Globex" --admin-email ada@globex.com --quota 5');
    process.exit(2);
  }
  const config = loadConfig();
  const db = createDatabase(databaseTarget(config));
  try {
    await migrateToLatest(db);
    const { invitation } = await createOrganisationWithInvitedAdmin(db, { name: options.name, quota: options.quota }, options.admin);
    console.log(`Created the organisation "${options.name}" (quota ${options.quota} active email accounts).`);
    console.log(`Its administrator ${options.admin.email} gets in with this invitation, valid until ${invitation.expiresAt}:`);
    console.log('');
    console.log(`  ${invitation.token}`);
    console.log('');
    console.log('In the Mailroom extension: Options → "I have an invitation", paste the code and choose a password.');
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(`Could not create the organisation: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
