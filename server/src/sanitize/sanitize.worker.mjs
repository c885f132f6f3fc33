// The entry of a sanitizer worker thread. The API runs its TypeScript under tsx without a build,
// and a worker thread does not always inherit the loader (Vitest's workers have none): register
// tsx here, then load the task. Registering again under `tsx`/`--import tsx` is harmless.
import os from 'node:os';
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runPoolTask } = await import('./sanitize.task.ts');

// Lowered once loaded, so a busy machine does not stretch the thread's start-up (tsx, jsdom). On
// Linux the nice value belongs to the thread (pid 0: the calling one), so this lowers only this
// worker (sanitize-pool.ts says why). Where the system refuses, the thread keeps normal priority.
const nice = Number(workerData?.nice ?? 0);
if (nice > 0) {
  try {
    os.setPriority(0, nice);
  } catch {
    // Not permitted here: same results, just no priority given to requests.
  }
}

export default runPoolTask;
