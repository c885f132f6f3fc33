/**
 * A real IMAP/POP3 server for the sync tests: Debian's Dovecot (2.3) on free loopback ports, with
 * its own config, state and maildirs in a temporary folder (nothing of the system's is touched).
 * As root the mail processes run as the `dovecot` user, as Dovecot refuses root; otherwise as
 * the current user. `.ci/run` installs `dovecot-imapd` and `dovecot-pop3d`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const DOVECOT_BIN = process.env.DOVECOT_BIN ?? '/usr/sbin/dovecot';
export const DOVEADM_BIN = process.env.DOVEADM_BIN ?? '/usr/bin/doveadm';

export interface MailUser {
  user: string;
  password: string;
}

export interface Dovecot {
  host: '127.0.0.1';
  imapPort: number;
  pop3Port: number;
  /** A user's maildir (created at their first login): files dropped in its `new/` are delivered mail. */
  maildir(user: string): string;
  /** Implicit TLS ports (IMAPS, POP3S): 0 unless started with `tls`. */
  imapsPort: number;
  pop3sPort: number;
  /** Changes a user's password (takes effect at the next login). */
  setPassword(user: string, password: string): void;
  stop(): Promise<void>;
}

export function dovecotAvailable(): boolean {
  return fs.existsSync(DOVECOT_BIN);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function idOf(name: string, flag: '-u' | '-g'): number {
  return Number(execFileSync('id', [flag, name]).toString().trim());
}

/**
 * `tls`: PEM files of a certificate and its key, offered through STARTTLS on both ports;
 * `extraConfig`: more dovecot.conf lines (e.g. an `imap_capability` without IDLE).
 */
export async function startDovecot(users: MailUser[], options: { tls?: { certFile: string; keyFile: string }; extraConfig?: string } = {}): Promise<Dovecot> {
  const extraConfig = options.extraConfig ?? '';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailroom-dovecot-'));
  // Dovecot's unprivileged processes must reach the folder; mkdtemp makes it 0700.
  fs.chmodSync(dir, 0o755);
  const [imapPort, pop3Port] = [await freePort(), await freePort()];
  const [imapsPort, pop3sPort] = options.tls ? [await freePort(), await freePort()] : [0, 0];
  const asRoot = process.getuid?.() === 0;
  const me = os.userInfo().username;
  const [uid, gid] = asRoot ? [idOf('dovecot', '-u'), idOf('dovecot', '-g')] : [process.getuid!(), process.getgid!()];
  const mailDir = path.join(dir, 'mail');
  fs.mkdirSync(mailDir);
  if (asRoot) fs.chownSync(mailDir, uid, gid);
  const usersFile = path.join(dir, 'users');
  // Written aside then renamed: Dovecot re-reads the file when it changes, and must never read it half-written.
  const writeUsers = (list: MailUser[]) => {
    fs.writeFileSync(`${usersFile}.new`, list.map((u) => `${u.user}:{PLAIN}${u.password}:${uid}:${gid}::${path.join(mailDir, u.user)}`).join('\n') + '\n');
    fs.renameSync(`${usersFile}.new`, usersFile);
  };
  const current = [...users];
  writeUsers(current);
  const conf = path.join(dir, 'dovecot.conf');
  fs.writeFileSync(
    conf,
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
listen = 127.0.0.1
protocols = imap pop3
${options.tls ? `ssl = yes\nssl_cert = <${options.tls.certFile}\nssl_key = <${options.tls.keyFile}` : 'ssl = no'}
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${asRoot ? 'dovecot' : me}
default_login_user = ${asRoot ? 'dovenull' : me}
first_valid_uid = 1
mail_location = maildir:${mailDir}/%u
# No auth-failure delay: the tests try wrong passwords on purpose.
auth_failure_delay = 0
passdb {
  driver = passwd-file
  args = ${usersFile}
}
userdb {
  driver = passwd-file
  args = ${usersFile}
}
service imap-login {
  inet_listener imap {
    port = ${imapPort}
  }
  inet_listener imaps {
    port = ${imapsPort}
  }
}
service pop3-login {
  inet_listener pop3 {
    port = ${pop3Port}
  }
  inet_listener pop3s {
    port = ${pop3sPort}
  }
}
# Nor anvil's growing per-IP penalty (2, 4, 8... 15 s) after those failures, which would slow
# every later login from loopback (doc.dovecot.org, "Authentication penalty": disabling).
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
protocol pop3 {
  pop3_uidl_format = %08Xu%08Xv
}
namespace inbox {
  inbox = yes
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
}
${extraConfig}
`,
  );
  // No pipes: the daemon keeps inherited ones open, and spawnSync would wait for them forever.
  // Dovecot reports start-up errors in its log file.
  const started = spawnSync(DOVECOT_BIN, ['-c', conf], { stdio: 'ignore' });
  if (started.status !== 0) throw new Error(`Dovecot did not start: ${fs.existsSync(path.join(dir, 'dovecot.log')) ? fs.readFileSync(path.join(dir, 'dovecot.log'), 'utf8') : `exit ${started.status}`}`);
  await waitForPort(imapPort);
  return {
    host: '127.0.0.1',
    imapPort,
    pop3Port,
    maildir: (user) => path.join(mailDir, user),
    imapsPort,
    pop3sPort,
    setPassword(user, password) {
      const u = current.find((x) => x.user === user);
      if (u) u.password = password;
      writeUsers(current);
      // passwd-file is re-read when it changes, but the auth cache would keep the old answer.
      spawnSync(DOVEADM_BIN, ['-c', conf, 'auth', 'cache', 'flush'], { stdio: 'ignore' });
    },
    async stop() {
      spawnSync(DOVEADM_BIN, ['-c', conf, 'stop'], { stdio: 'ignore' });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`Dovecot did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
