/** Login attempts counted per client key in fixed windows (migration 0002). */
export interface LoginAttemptsTable {
  /** sha256 hex of `<client IP>|<normalised email>`. */
  client_key: string;
  /** ISO-8601 UTC time of the first attempt of the current window. */
  window_start: string;
  /** Attempts in the current window, this one included. */
  attempts: number;
}
