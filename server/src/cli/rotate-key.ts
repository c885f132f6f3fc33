/**
 * `npm run rotate-key`: re-encrypts every stored mailbox password under a new key, in one
 * transaction. Stop every API and worker process first (they hold the old key in memory and would
 * seal new passwords with it), rotate, then start them with the new key.
 *
 * - Key file (MAILROOM_SECRET unset): a new random `<data dir>/secret.key`; the old one is kept as
 *   `secret.key.<time>.old`, which backups taken before the rotation need.
 * - MAILROOM_SECRET set: the new secret comes in MAILROOM_NEW_SECRET; afterwards set MAILROOM_SECRET
 *   to it everywhere. MAILROOM_NEW_SECRET with a key file moves the server from the file to a secret.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { opensStoredPasswords, resealAccountPasswords, KeyMismatchError } from '../accounts/key-rotation.service';
import { createSecretBox, loadKey } from '../accounts/secret-box';
import { loadConfig } from '../config';
import { createDatabase, databaseTarget, type Db } from '../db/database';
import { assertSchemaCurrent, SchemaBehindError } from '../db/migrate';

class UsageError extends Error {}

/** Writes `file` durably with mode 0600 (the key must be on disk before the database uses it). */
function writeKeyFile(file: string, key: Buffer): void {
  const fd = fs.openSync(file, 'w', 0o600);
  try {
    fs.writeSync(fd, key.toString('base64'));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A `secret.key.new` left by a run that stopped between its commit and its renames is the live key
 * if the stored passwords open with it: then the rotation is finished here; otherwise it is the
 * remains of a run that changed nothing, and goes.
 */
async function finishInterruptedRotation(db: Db, keyFile: string, newFile: string): Promise<boolean> {
  if (!fs.existsSync(newFile)) return false;
  const key = Buffer.from(fs.readFileSync(newFile, 'utf8').trim(), 'base64');
  if (key.length === 32 && (await opensStoredPasswords(db, createSecretBox(key))) === true) {
    retireAndInstall(keyFile, newFile);
    console.log(`A previous rotation had re-encrypted the passwords but not installed its key: ${keyFile} is now that key.`);
    return true;
  }
  fs.rmSync(newFile);
  return false;
}

function retireAndInstall(keyFile: string, newFile: string): string {
  const old = `${keyFile}.${new Date().toISOString().replace(/[:.]/g, '-')}.old`;
  fs.renameSync(keyFile, old);
  fs.renameSync(newFile, keyFile);
  return old;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const newSecret = process.env.MAILROOM_NEW_SECRET || null;
  const keyFile = path.join(config.dataDir, 'secret.key');
  if (config.secret && !newSecret) {
    throw new UsageError('MAILROOM_SECRET is set: give the new secret as MAILROOM_NEW_SECRET (then set MAILROOM_SECRET to it for every process).');
  }
  if (newSecret && newSecret === config.secret) throw new UsageError('MAILROOM_NEW_SECRET is the current MAILROOM_SECRET: choose a new one.');
  // loadKey would create a key file; with none, nothing was ever sealed under one.
  if (!config.secret && !fs.existsSync(keyFile)) throw new UsageError(`There is no key to rotate: ${keyFile} does not exist and MAILROOM_SECRET is not set.`);

  const db = createDatabase(databaseTarget(config));
  try {
    await assertSchemaCurrent(db);
    const current = createSecretBox(loadKey(config));
    if (newSecret) {
      const count = await resealAccountPasswords(db, current, createSecretBox(loadKey({ secret: newSecret, dataDir: config.dataDir })));
      console.log(`Re-encrypted ${count} mailbox password(s) under the key from MAILROOM_NEW_SECRET.`);
      console.log('Now set MAILROOM_SECRET to that value for every API and worker process, and start them.');
      if (!config.secret) console.log(`${keyFile} is no longer used once MAILROOM_SECRET is set; keep it for backups taken before today.`);
      return;
    }
    const newFile = `${keyFile}.new`;
    if (await finishInterruptedRotation(db, keyFile, newFile)) return;
    const key = randomBytes(32);
    writeKeyFile(newFile, key);
    let count: number;
    try {
      count = await resealAccountPasswords(db, current, createSecretBox(key));
    } catch (err) {
      fs.rmSync(newFile, { force: true });
      throw err;
    }
    const old = retireAndInstall(keyFile, newFile);
    console.log(`Re-encrypted ${count} mailbox password(s) under a new key in ${keyFile}.`);
    console.log(`The old key is kept as ${old}: backups taken before now need it.`);
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  const known = err instanceof UsageError || err instanceof KeyMismatchError || err instanceof SchemaBehindError;
  console.error(known ? (err as Error).message : `Key rotation failed, nothing was changed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(err instanceof UsageError ? 2 : 1);
});
