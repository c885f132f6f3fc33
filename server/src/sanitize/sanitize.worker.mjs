// The entry of a sanitizer worker thread. The API runs its TypeScript under tsx without a build,
// and a worker thread does not always inherit the loader (Vitest's workers have none): register
// tsx here, then load the task. Registering again under `tsx`/`--import tsx` is harmless.
import { register } from 'tsx/esm/api';

register();
const { runPoolTask } = await import('./sanitize.task.ts');

export default runPoolTask;
