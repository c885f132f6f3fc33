import { createHash } from 'node:crypto';
import { fingerprintPrefix, fingerprintSource, type FingerprintInput } from '../../../contract/message-key';

/**
 * `messageFingerprint` of contract/message-key.ts, the same key from the same hashed text, but
 * with node:crypto: Web Crypto's digest is a thread-pool round trip and several promises per
 * call, a visible share of a filing's CPU for 100 bytes of input. The extension keeps Web Crypto.
 */
export function serverFingerprint(input: FingerprintInput): string {
  return fingerprintPrefix + createHash('sha256').update(fingerprintSource(input)).digest('hex');
}
