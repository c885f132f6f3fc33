/**
 * Raw mail of realistic size and shape for the sync benchmarks: plain and styled HTML
 * alternatives (~6 KB), 1 in 10 with an 8 KB PDF attachment, a third from known contacts
 * (`person<n>@people.test`) and a third from company domains (`company<n>.test`) so classification
 * files them, and 1 in 5 a reply to the previous message (thread following). `run` keeps the
 * Message-IDs of two runs apart.
 */
const styled = `<html><head><style>p{color:#333}</style></head><body>${'<p style="margin:0 0 8px">Thank you for your message, here is the detail of our offer.</p>'.repeat(20)}</body></html>`;
const attachment = Buffer.alloc(8 * 1024, 7).toString('base64').replace(/.{76}/g, '$&\r\n');

export function rawMail(i: number, run: string): Buffer {
  const from = i % 3 === 0 ? `person${i % 1000}@people.test` : i % 3 === 1 ? `someone${i}@company${(i % 100) * 10}.test` : `stranger${i}@nowhere${i}.test`;
  const thread = i % 5 === 4 ? `In-Reply-To: <m${i - 1}.${run}@bench.test>\r\n` : '';
  const head = `Message-ID: <m${i}.${run}@bench.test>\r\nFrom: Person ${i} <${from}>\r\nTo: Sales <sales@acme.test>\r\nCc: colleague${i}@nowhere.test\r\nSubject: Offer number ${i}\r\nDate: Tue, 01 Dec 2026 10:00:00 +0000\r\n${thread}MIME-Version: 1.0\r\n`;
  const alt = `Content-Type: multipart/alternative; boundary="alt"\r\n\r\n--alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${'Thank you for your message, here is the detail of our offer.\r\n'.repeat(20)}--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${styled}\r\n--alt--\r\n`;
  if (i % 10 !== 0) return Buffer.from(head + alt);
  return Buffer.from(`${head}Content-Type: multipart/mixed; boundary="mix"\r\n\r\n--mix\r\n${alt}--mix\r\nContent-Type: application/pdf; name="offer.pdf"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename="offer.pdf"\r\n\r\n${attachment}\r\n--mix--\r\n`);
}
