/**
 * The load side of the filing benchmarks: starts a bench-server.ts process, drives it with
 * autocannon over loopback HTTP and reads the server's own event-loop delay over IPC.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { BenchCommand, BenchServerInfo, EventLoopDelay } from './bench-server';

export interface BenchServer {
  info: BenchServerInfo;
  command<T = Record<string, unknown>>(msg: BenchCommand): Promise<T>;
  stop(): Promise<void>;
}

export async function startBenchServer(records: number): Promise<BenchServer> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./bench-server.ts', import.meta.url)), {
    env: { ...process.env, BENCH_RECORDS: String(records) },
    // BENCH_CPU_PROF=<dir>: a V8 CPU profile of the server process, to see where its time goes.
    execArgv: [...process.execArgv, ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (cmd: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const onMessage = (m: Record<string, unknown>) => {
        if (m.cmd !== cmd) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(m);
      };
      const onExit = (code: number | null) => reject(new Error(`bench server exited (${code}) while waiting for ${cmd}`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ready = await next('ready');
  return {
    info: ready.info as BenchServerInfo,
    async command<T>(msg: BenchCommand) {
      const reply = next(msg.cmd);
      child.send(msg);
      return (await reply) as T;
    },
    async stop() {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ cmd: 'stop' });
      await exited;
    },
  };
}

export interface LoadRequest {
  method: 'GET' | 'POST';
  /** A fixed path, or a new one per request. */
  path: string | (() => string);
  /** A new JSON body per request. */
  body?: () => string;
}

export interface LoadResult {
  connections: number;
  seconds: number;
  requests: number;
  /** Answered with a 2xx, per second. */
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  eventLoop: EventLoopDelay;
}

/** `connections` clients sending `requests` in turn for `seconds`, with the server's event-loop delay over the run. */
export async function runLoad(server: BenchServer, connections: number, seconds: number, requests: LoadRequest[]): Promise<LoadResult> {
  await server.command({ cmd: 'eld-reset' });
  const result = await autocannon({
    url: server.info.url,
    connections,
    duration: seconds,
    timeout: 10,
    headers: { authorization: `Bearer ${server.info.token}`, 'content-type': 'application/json' },
    requests: requests.map((r) => ({
      method: r.method,
      path: typeof r.path === 'string' ? r.path : '/',
      setupRequest: (req: Record<string, unknown>) => ({
        ...req,
        ...(typeof r.path === 'function' ? { path: r.path() } : {}),
        ...(r.body ? { body: r.body() } : {}),
      }),
    })),
  });
  const { delay } = await server.command<{ delay: EventLoopDelay }>({ cmd: 'eld' });
  return {
    connections,
    seconds,
    requests: result.requests.total,
    perSecond: result['2xx'] / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    eventLoop: delay,
  };
}
