/**
 * Gmail's `GLOBALS` array (index 9: the `ik` key the "show original" URL needs; index 10: the
 * account's address), read from the page SOURCE. A content script runs in an isolated world and
 * cannot read `window.GLOBALS` (WEBMAIL-FACTS.md), so we parse the text of the inline script that
 * defines it — it stays in the DOM after it ran. Choice: read the inline script first (no network,
 * no extra load on Gmail); only when it is missing (the page was built another way) fetch the
 * account's own page once, with the page's session, and parse the same text from the response.
 * No `eval`: a small tokenizer reads the top level of the array literal.
 */
import { inlineScripts } from './selectors';
import { queryAll } from '../dom';

export interface GmailGlobals {
  ik?: string;
  userAddress?: string;
}

const ikPattern = /^[0-9a-f]{6,20}$/i;
const addressPattern = /^[^\s@]+@[^\s@]+$/;

/** Reads a JS string literal token ("..." or '...') into its value; undefined for anything else. */
function readStringLiteral(token: string): string | undefined {
  const t = token.trim();
  if (t.length < 2) return undefined;
  const quote = t[0];
  if ((quote !== '"' && quote !== "'") || t[t.length - 1] !== quote) return undefined;
  let out = '';
  for (let i = 1; i < t.length - 1; i++) {
    const c = t[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = t[++i];
    switch (n) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'x': out += String.fromCharCode(parseInt(t.slice(i + 1, i + 3), 16)); i += 2; break;
      case 'u': out += String.fromCharCode(parseInt(t.slice(i + 1, i + 5), 16)); i += 4; break;
      default: out += n ?? '';
    }
  }
  return out;
}

/**
 * The top-level elements of the array literal starting at `start` (the `[`), as raw tokens.
 * Elisions (`,,`) give empty tokens so indices match the array's. Stops at the matching `]`.
 */
export function topLevelArrayTokens(src: string, start: number): string[] | undefined {
  if (src[start] !== '[') return undefined;
  const tokens: string[] = [];
  let depth = 0;
  let tokenStart = start + 1;
  for (let i = start; i < src.length; i++) {
    const c = src[i];
    if (c === '"' || c === "'") {
      // Skip the string, honouring escapes, so brackets and commas inside it do not count.
      for (i++; i < src.length && src[i] !== c; i++) if (src[i] === '\\') i++;
      continue;
    }
    if (c === '[' || c === '{' || c === '(') depth++;
    else if (c === ']' || c === '}' || c === ')') {
      depth--;
      if (depth === 0) {
        const last = src.slice(tokenStart, i);
        if (tokens.length > 0 || last.trim() !== '') tokens.push(last);
        return tokens;
      }
    } else if (c === ',' && depth === 1) {
      tokens.push(src.slice(tokenStart, i));
      tokenStart = i + 1;
    }
  }
  return undefined;
}

/** Parse `GLOBALS=[...]` out of script (or whole page) text. */
export function parseGlobalsFromText(text: string): GmailGlobals {
  const m = /\bGLOBALS\s*=\s*\[/.exec(text);
  if (!m) return {};
  const tokens = topLevelArrayTokens(text, m.index + m[0].length - 1);
  if (!tokens) return {};
  const ik = readStringLiteral(tokens[9] ?? '');
  const address = readStringLiteral(tokens[10] ?? '');
  return {
    ik: ik && ikPattern.test(ik) ? ik : undefined,
    userAddress: address && addressPattern.test(address) ? address.toLowerCase() : undefined,
  };
}

/** From the inline scripts of the live document. */
export function readGlobalsFromDocument(doc: Document): GmailGlobals {
  for (const script of queryAll(doc, inlineScripts)) {
    const text = script.textContent ?? '';
    if (!text.includes('GLOBALS')) continue;
    const found = parseGlobalsFromText(text);
    if (found.ik || found.userAddress) return found;
  }
  return {};
}
