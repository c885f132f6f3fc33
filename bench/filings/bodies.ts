/**
 * Realistic filing bodies for the throughput benchmark: a 5 KB HTML reply with inline styles on
 * most elements (what Gmail and Outlook produce), and, one filing in 50, a 150 KB newsletter.
 * Each request body is pre-serialised around its Message-ID so the load generator spends its time
 * sending, not building JSON.
 */
const repeatTo = (block: string, size: number, head = '', tail = '') => {
  let s = head;
  while (s.length < size) s += block;
  return s + tail;
};

export const styledReplyHtml = repeatTo(
  '<tr><td style="padding: 8px 12px; font-family: Arial, Helvetica, sans-serif; font-size: 14px; color: #333333; line-height: 20px; border-bottom: 1px solid #eeeeee">' +
    '<p style="margin: 0 0 8px 0; color: #222">Bonjour, voici le devis <a href="https://acme.example/q?id=1" style="color: #0066cc; text-decoration: underline">n° 42</a>.</p>' +
    '<span style="font-weight: bold; background-color: #fafafa">Total</span></td></tr>',
  5_000,
  '<div dir="ltr" style="font-family: Arial"><table width="600" style="border-collapse: collapse; margin: 0 auto; background: #ffffff">',
  '</table></div>',
);

export const newsletterHtml = repeatTo(
  '<table width="600" cellpadding="0" style="margin: 0 auto; background-color: #f4f4f4"><tr><td style="padding: 10px; font-family: Georgia, serif; color: #444">' +
    '<h2 style="font-size: 20px; margin: 0 0 6px">Title</h2><p style="line-height: 1.5">' +
    'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(8) +
    '</p><a href="https://news.example/a?id=1" style="color: #c00; font-weight: bold">Read more</a>' +
    '<img src="https://news.example/p.png" width="580" style="display: block; border: 0"></td></tr></table>',
  150_000,
);

export interface FilingTarget {
  accountId: string;
  recordIds: string[];
}

/** `(messageId) => JSON body` for one shape of filing; the id is spliced in, nothing re-serialised. */
export function filingBodyMaker(target: FilingTarget, html: string): (messageId: string) => string {
  const marker = '\u0001MSGID\u0001';
  const json = JSON.stringify({
    accountId: target.accountId,
    recordIds: target.recordIds,
    message: {
      messageId: marker,
      subject: 'Re: devis n° 42',
      from: { name: 'Client', address: 'client@customer.test' },
      to: [{ address: 'sales@bench.test' }],
      date: '2026-11-30T09:15:00Z',
      snippet: 'Bonjour, voici le devis',
      bodyHtml: html,
      bodyText: 'Bonjour, voici le devis n° 42. Total',
    },
  });
  const [head, tail] = json.split(JSON.stringify(marker).slice(1, -1));
  return (messageId) => `${head}${messageId}${tail}`;
}

/** New filings: a distinct Message-ID each, 1 in 50 a newsletter. */
export function newFilingBodies(target: FilingTarget, runId: string): () => string {
  const reply = filingBodyMaker(target, styledReplyHtml);
  const newsletter = filingBodyMaker(target, newsletterHtml);
  let n = 0;
  return () => {
    n += 1;
    const id = `<${runId}-${n}@bench.test>`;
    return n % 50 === 0 ? newsletter(id) : reply(id);
  };
}
