/**
 * The API (`server/src/main.ts`) and the sync worker (`server/src/sync/worker-main.ts`) as real
 * processes, started the way `npm run serve` / `npm run worker` exec them, resolved once each has
 * printed its start line. Their output is kept for failure messages.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');

export interface ServerProcess {
  child: ChildProcess;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  exited: Promise<number | null>;
}

function startProcess(script: string, env: NodeJS.ProcessEnv, ready: RegExp): Promise<ServerProcess & { match: RegExpExecArray }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const match = ready.exec(out);
      if (match) resolve({ child, output: () => out, exited, match });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`${script} exited (${code}) before starting:\n${out}`)));
  });
}

/** An API process on a free loopback port; `base` is its address. */
export async function startApiProcess(env: NodeJS.ProcessEnv): Promise<ServerProcess & { base: string }> {
  const p = await startProcess('server/src/main.ts', { PORT: '0', HOST: '127.0.0.1', ...env }, /Mailroom API listening on (http:\/\/127\.0\.0\.1:\d+)/);
  return { ...p, base: p.match[1]! };
}

/** A sync worker process; `owner` is the lease owner id it writes in sync_state. */
export async function startWorkerProcess(env: NodeJS.ProcessEnv): Promise<ServerProcess & { owner: string }> {
  const p = await startProcess('server/src/sync/worker-main.ts', env, /Mailroom sync worker (\S+) started/);
  return { ...p, owner: p.match[1]! };
}
