/** Running the server's command lines in tests: the API (`main.ts`) and the operator scripts. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

// The CLI contract the e2e harness relies on: `tsx server/src/main.ts [--demo]`, PORT=0 picks a
// free port, a "Mailroom API listening on http://..." line, graceful exit on SIGTERM.
export const root = path.resolve(__dirname, '../../..');
// `node --import tsx` is what `tsx server/src/main.ts` runs, minus tsx's signal-relaying parent
// process, which SIGKILLs the server if it does not acknowledge a signal within 30 ms (seen on
// this busy 2-core machine). One process keeps the SIGTERM exit-code assertions meaningful.
const serverCommand = [process.execPath, '--import', 'tsx', 'server/src/main.ts'] as const;

export interface Running {
  child: ChildProcess;
  base: string;
  output: () => string;
}

export function start(args: string[], env: Record<string, string>): Promise<Running> {
  const child = spawn(serverCommand[0], [...serverCommand.slice(1), ...args], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', MAILROOM_SECRET: '', DATABASE_URL: '', ...env },
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Mailroom API listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve({ child, base: m[1]!, output: () => out });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code} before listening:\n${out}`)));
  });
}

export function runToExit(
  args: string[],
  env: Record<string, string>,
  script = 'server/src/main.ts',
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: root,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', MAILROOM_SECRET: '', DATABASE_URL: '', ...env },
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c));
  child.stderr.on('data', (c: Buffer) => (output += c));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

export const stop = (r: Running) =>
  new Promise<number | null>((resolve) => {
    r.child.on('exit', (code) => resolve(code));
    r.child.kill('SIGTERM');
  });

export const login = (base: string, email: string, password: string) =>
  fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });

