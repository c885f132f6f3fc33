import type { Db } from '../db/database';
import { anySealedPassword, listSealedPasswordsForUpdate, setSealedPasswords, type SealedPasswords } from './accounts.repository';
import type { SecretBox } from './secret-box';

export class KeyMismatchError extends Error {}

/**
 * Re-seals every stored mailbox password from `from` to `to` in one transaction: either all of
 * them are under the new key or, on any failure, none is. A value that the current key cannot
 * open (sealed under some other key) stops the whole run before anything is written. Returns the
 * number of passwords re-sealed.
 */
export async function resealAccountPasswords(db: Db, from: SecretBox, to: SecretBox): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = await listSealedPasswordsForUpdate(trx);
    let count = 0;
    const reseal = (row: SealedPasswords, sealed: string) => {
      let plain: string;
      try {
        plain = from.open(sealed);
      } catch {
        throw new KeyMismatchError(`A password of email account ${row.id} does not open with the current key: nothing was changed.`);
      }
      count++;
      return to.seal(plain);
    };
    const resealed = rows.map((row) => ({
      id: row.id,
      // '' is an account whose incoming password was never given: nothing is sealed there.
      in_password_enc: row.in_password_enc === '' ? '' : reseal(row, row.in_password_enc),
      out_password_enc: row.out_password_enc === null ? null : reseal(row, row.out_password_enc),
    }));
    for (const row of resealed) await setSealedPasswords(trx, row);
    return count;
  });
}

/** Whether `box` opens the stored passwords (tried on one of them); null when none is stored. */
export async function opensStoredPasswords(db: Db, box: SecretBox): Promise<boolean | null> {
  const sealed = await anySealedPassword(db);
  if (sealed === null) return null;
  try {
    box.open(sealed);
    return true;
  } catch {
    return false;
  }
}
