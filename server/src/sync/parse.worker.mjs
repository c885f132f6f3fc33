// The entry of a mail-parsing worker thread (parse-pool.ts), built like the sanitizer's
// (sanitize.worker.mjs): register tsx, for workers that do not inherit the loader, then load the task.
import { register } from 'tsx/esm/api';

register();
const { parseRawMails } = await import('./parse-mail.ts');

export default parseRawMails;
