// The parts of mailauth 4.9 (CommonJS, no type declarations) that the deliverability check uses.
declare module 'mailauth/lib/spf/index.js' {
  export interface SpfResult {
    domain: string;
    /** The SPF record that was evaluated, when one was found. */
    rr?: string;
    status: { result: 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'permerror' | 'temperror'; comment?: string };
  }
  export function spf(opts: {
    sender: string;
    ip: string;
    helo?: string;
    mta?: string;
    resolver?: (name: string, rrtype: string) => Promise<unknown>;
  }): Promise<SpfResult>;
}

declare module 'mailauth/lib/dmarc/get-dmarc-record.js' {
  interface DmarcRecord {
    v?: string;
    p?: string;
    rr: string;
    isOrgRecord: boolean;
    [tag: string]: unknown;
  }
  /** false when the domain (and its organisational domain) publish no single DMARC record. */
  function getDmarcRecord(domain: string, resolver?: (name: string, rrtype: string) => Promise<unknown>): Promise<DmarcRecord | false>;
  export = getDmarcRecord;
}

declare module 'mailauth/lib/tools.js' {
  /** Reads and validates a DKIM key (`selector._domainkey.domain`); throws with `code` when unusable. */
  export function getPublicKey(
    type: 'DKIM',
    name: string,
    minBitLength: number,
    resolver?: (name: string, rrtype: string) => Promise<unknown>,
  ): Promise<{ publicKey: string; rr: string; modulusLength?: number }>;
}
