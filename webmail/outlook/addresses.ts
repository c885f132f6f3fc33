/**
 * Addresses from Outlook's labelled persona lines ("From: …", "To: …; …"). Outlook shows names and
 * puts the address either after the name ("Claire Martin <claire@…>") or in the persona's `title`
 * (WEBMAIL-FACTS.md: "recipient chips showing names, the address often not in the text"); a name
 * with no address anywhere is left out — the contract needs an address.
 */
import type { MailAddress } from '@/contract/filings';

const addressShape = /^[^\s<>@;,]+@[^\s<>@;,]+\.[^\s<>@;,]+$/;
const bracketed = /([^<>;,]*)<\s*([^\s<>@;,]+@[^\s<>@;,]+)\s*>/g;

const clean = (s: string) => s.replace(/[\u200e\u200f\u202a-\u202e]/g, '').replace(/\s+/g, ' ').trim();

/** Every address in a persona line, in order, each once (lower-cased). */
export function addressesIn(line: Element): MailAddress[] {
  const found: MailAddress[] = [];
  const seen = new Set<string>();
  const add = (address: string, name?: string) => {
    const a = address.trim().toLowerCase();
    if (!addressShape.test(a) || seen.has(a)) return;
    seen.add(a);
    const n = name && clean(name);
    found.push(n && n.toLowerCase() !== a ? { name: n, address: a } : { address: a });
  };
  // Personas carrying the address in `title`, the name in their text.
  const titled = [line, ...Array.from(line.querySelectorAll('[title]'))].filter((el) => addressShape.test(el.getAttribute('title')?.trim() ?? ''));
  for (const el of titled) add(el.getAttribute('title') ?? '', el.textContent ?? undefined);
  // "Name <address>" in the text.
  const text = clean(line.textContent ?? '').replace(/^(from|de|to|à|cc)\s*:\s*/i, '');
  for (const m of text.matchAll(bracketed)) add(m[2] ?? '', m[1]);
  if (found.length === 0) {
    // A bare address as the text ("claire@…"), as for senders without a display name.
    for (const word of text.split(/[\s;,]+/)) add(word);
  }
  return found;
}
