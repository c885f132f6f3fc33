import type { Security } from '../../../contract/accounts';
import type { Endpoint } from './probe';

/** What a login module needs: where (already checked), how, and the account's login. */
export interface LoginInput {
  endpoint: Endpoint;
  security: Security;
  username: string;
  /** Never logged, never part of an error message. */
  password: string;
  timeoutMs: number;
}

/** A signed-in session of a check: the inbox step (incoming servers only), then close. */
export interface MailSession {
  /** Opens the inbox and says how many messages it holds. */
  inbox?(): Promise<number>;
  close(): Promise<void>;
}
