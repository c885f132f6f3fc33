import type { CrmRecord } from '../../../contract/records';
import type { TestApp } from '../helpers/test-app';

/** A small RFC 5322 message; headers given as null are left out. */
export function eml(h: {
  messageId?: string | null;
  from?: string;
  to?: string;
  cc?: string;
  subject?: string;
  date?: string | null;
  inReplyTo?: string;
  references?: string;
  html?: string;
  text?: string;
}): Buffer {
  const lines = [
    h.messageId === null ? null : `Message-ID: ${h.messageId ?? `<${Math.random().toString(36).slice(2)}@mail.test>`}`,
    `From: ${h.from ?? 'Alice Martin <alice@client.test>'}`,
    `To: ${h.to ?? 'sales@acme.test'}`,
    h.cc ? `Cc: ${h.cc}` : null,
    `Subject: ${h.subject ?? 'Quote request'}`,
    h.date === null ? null : `Date: ${h.date ?? 'Tue, 01 Dec 2026 10:00:00 +0000'}`,
    h.inReplyTo ? `In-Reply-To: ${h.inReplyTo}` : null,
    h.references ? `References: ${h.references}` : null,
    'MIME-Version: 1.0',
  ].filter((l): l is string => l !== null);
  if (h.html) {
    lines.push('Content-Type: multipart/alternative; boundary="b1"', '', '--b1', 'Content-Type: text/plain; charset=utf-8', '', h.text ?? 'Hello', '--b1', 'Content-Type: text/html; charset=utf-8', '', h.html, '--b1--', '');
  } else {
    lines.push('Content-Type: text/plain; charset=utf-8', '', h.text ?? 'Hello, could you send a quote?', '');
  }
  return Buffer.from(lines.join('\r\n'));
}

export async function createRecordAs(t: TestApp, token: string, body: Record<string, unknown>): Promise<CrmRecord> {
  const res = await t.request(token, { method: 'POST', url: '/api/records', payload: { emails: [], domains: [], ...body } });
  if (res.statusCode !== 201) throw new Error(`create record failed: ${res.statusCode} ${res.body}`);
  return res.json();
}
