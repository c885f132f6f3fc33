import type { Db } from '../db/database';
import { countOrganisations } from './orgs.repository';
import { createOrganisationWithAdmin } from './orgs.service';

export class BootstrapError extends Error {}

/**
 * `npm run serve` on an empty database creates the first organisation and administrator from
 * MAILROOM_ORG_NAME, MAILROOM_ADMIN_EMAIL, MAILROOM_ADMIN_PASSWORD and MAILROOM_QUOTA. On a database
 * that already has an organisation the variables are ignored. Returns the admin email if it created one.
 */
export async function bootstrapFirstOrg(db: Db, env: NodeJS.ProcessEnv): Promise<string | null> {
  if ((await countOrganisations(db)) > 0) return null;
  const required = ['MAILROOM_ORG_NAME', 'MAILROOM_ADMIN_EMAIL', 'MAILROOM_ADMIN_PASSWORD', 'MAILROOM_QUOTA'] as const;
  const missing = required.filter((k) => !env[k]?.trim());
  if (missing.length) {
    throw new BootstrapError(
      `The database is empty. To create the first organisation and its administrator, set ${missing.join(', ')} ` +
        `(for example MAILROOM_ORG_NAME="Acme" MAILROOM_ADMIN_EMAIL=you@acme.com MAILROOM_ADMIN_PASSWORD=... MAILROOM_QUOTA=5 npm run serve), ` +
        'or run `npm start` for a demo organisation.',
    );
  }
  const email = env.MAILROOM_ADMIN_EMAIL!.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new BootstrapError(`MAILROOM_ADMIN_EMAIL "${email}" is not an email address.`);
  const password = env.MAILROOM_ADMIN_PASSWORD!;
  if (password.length < 8) throw new BootstrapError('MAILROOM_ADMIN_PASSWORD must be at least 8 characters.');
  const quota = Number(env.MAILROOM_QUOTA);
  if (!Number.isInteger(quota) || quota < 0) throw new BootstrapError(`MAILROOM_QUOTA must be a whole number, got "${env.MAILROOM_QUOTA}".`);
  await createOrganisationWithAdmin(
    db,
    { name: env.MAILROOM_ORG_NAME!.trim(), quota },
    {
      email,
      password,
      firstName: env.MAILROOM_ADMIN_FIRST_NAME?.trim() || 'Admin',
      lastName: env.MAILROOM_ADMIN_LAST_NAME?.trim() || '',
    },
  );
  return email;
}
