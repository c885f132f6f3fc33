/**
 * Finds code that reads a path outside the repository: the team's `../shared` folder, this
 * machine's `/work/…`, or a relative path that climbs above the repository root. A fresh clone has
 * none of those, so such a read breaks `npm test` for everyone but us.
 *
 * Only string literals are looked at, found with TypeScript's parser (comments, regex literals and
 * prose never count). Paths are resolved against a virtual root so the verdict does not depend on
 * where the repository is checked out.
 */
import path from 'node:path';
import ts from 'typescript';

export interface OutsideRead {
  file: string;
  line: number;
  literal: string;
  reason: string;
}

const root = '/repo';
const posix = path.posix;

function escapesRoot(p: string): boolean {
  const n = posix.normalize(p);
  return n !== root && !n.startsWith(`${root}/`);
}

const sharedFolder = /(?:^|[/\s'"`=])\.\.\/(?:\.\.\/)*shared(?:\/|$)/;
const machinePath = /(?:^|[\s'"`=:])\/work(?:\/|$)/;

/** What is wrong with one literal on its own (the team's folder, an absolute path of this machine). */
function namedOutside(text: string): string | undefined {
  if (sharedFolder.test(text)) return 'reads the ../shared folder, which a clone does not have';
  if (machinePath.test(text)) return "reads this machine's /work folder";
  return undefined;
}

const isRelative = (s: string) => s === '..' || s === '.' || s.startsWith('../') || s.startsWith('./');

/** Directory a path expression stands for, when it is one we know: the file's own or the repository root. */
function knownBase(expr: ts.Expression, sf: ts.SourceFile, fileDir: string): string | undefined {
  const text = expr.getText(sf).replace(/\s+/g, '');
  if (ts.isIdentifier(expr)) {
    if (expr.text === '__dirname' || expr.text === 'here') return fileDir;
    if (/root/i.test(expr.text)) return root;
    return undefined;
  }
  if (text === 'import.meta.dirname') return fileDir;
  if (text === 'process.cwd()') return root;
  // path.dirname(fileURLToPath(import.meta.url)) and the like.
  if (ts.isCallExpression(expr) && /import\.meta\.url|__filename/.test(text)) return fileDir;
  return undefined;
}

function literalText(node: ts.Node): string | undefined {
  return ts.isStringLiteralLike(node) ? node.text.replace(/\\/g, '/') : undefined;
}

/** `path.resolve(base, 'a', '..')`, `join(...)`: does any prefix of the literal arguments climb out? */
function callClimbsOut(call: ts.CallExpression, sf: ts.SourceFile, fileDir: string): string | undefined {
  const callee = call.expression;
  // node:path's own (`path.join`, `posix.resolve`, an imported `join`), not an array's `join('/')`.
  const onPath = ts.isPropertyAccessExpression(callee) && /^(?:path|posix|win32|nodePath)$/.test(callee.expression.getText(sf).split('.').pop() ?? '');
  const name = onPath ? (callee as ts.PropertyAccessExpression).name.text : ts.isIdentifier(callee) ? callee.text : '';
  if (name !== 'resolve' && name !== 'join') return undefined;
  const [first, ...rest] = call.arguments;
  if (!first) return undefined;
  // A literal first argument is relative to the working directory: the repository root for our scripts.
  let base = literalText(first) !== undefined ? root : knownBase(first, sf, fileDir);
  if (base === undefined) return undefined;
  const parts = literalText(first) !== undefined ? call.arguments : rest;
  for (const arg of parts) {
    const t = literalText(arg);
    if (t === undefined) break;
    base = t.startsWith('/') ? t : posix.join(base, t);
    if (escapesRoot(base)) return `${name}() climbs above the repository root`;
  }
  return undefined;
}

/** `${repoRoot}/../x`, `${__dirname}/../../x`. */
function templateClimbsOut(tpl: ts.TemplateExpression, sf: ts.SourceFile, fileDir: string): string | undefined {
  const [span] = tpl.templateSpans;
  if (tpl.head.text !== '' || !span) return undefined;
  const base = knownBase(span.expression, sf, fileDir);
  const tail = span.literal.text;
  if (base === undefined || !tail.startsWith('/')) return undefined;
  return escapesRoot(posix.join(base, tail)) ? 'template path climbs above the repository root' : undefined;
}

function scriptKindOf(file: string): ts.ScriptKind {
  if (/\.(?:c|m)?js$/.test(file)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/** Outside reads in TypeScript or JavaScript source `text` of repository file `file` (repo-relative). */
export function outsideReadsInScript(file: string, text: string, lineOffset = 0): OutsideRead[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKindOf(file));
  const fileDir = posix.dirname(posix.join(root, file));
  const found: OutsideRead[] = [];
  const report = (node: ts.Node, reason: string) => {
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    found.push({ file, line: line + 1 + lineOffset, literal: node.getText(sf).slice(0, 120), reason });
  };
  const visit = (node: ts.Node): void => {
    const t = literalText(node) ?? (ts.isTemplateLiteralToken(node) || ts.isTemplateHead(node) ? node.text : undefined);
    if (t !== undefined) {
      const named = namedOutside(t);
      if (named) report(node, named);
      // Module specifiers and new URL('../x', import.meta.url) are relative to the file itself.
      else if (ts.isStringLiteralLike(node) && isRelative(t) && escapesRoot(posix.join(fileDir, t))) {
        report(node, 'relative path climbs above the repository root');
      }
    }
    if (ts.isCallExpression(node)) {
      const why = callClimbsOut(node, sf, fileDir);
      if (why) report(node, why);
    }
    if (ts.isTemplateExpression(node)) {
      const why = templateClimbsOut(node, sf, fileDir);
      if (why) report(node, why);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** Outside reads in a Vue SFC: its `<script>` blocks (the template is markup, not paths). */
export function outsideReadsInVue(file: string, text: string): OutsideRead[] {
  const found: OutsideRead[] = [];
  for (const m of text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
    const before = text.slice(0, m.index + m[0].indexOf('>') + 1);
    const lineOffset = before.split('\n').length - 1;
    found.push(...outsideReadsInScript(file.replace(/\.vue$/, '.ts'), m[1] ?? '', lineOffset).map((r) => ({ ...r, file })));
  }
  return found;
}

/** Outside reads in a JSON config: every string value, and each word of one (npm scripts are commands). */
export function outsideReadsInJson(file: string, text: string): OutsideRead[] {
  const fileDir = posix.dirname(posix.join(root, file));
  const found: OutsideRead[] = [];
  const lines = text.split('\n');
  const lineOf = (s: string) => Math.max(1, lines.findIndex((l) => l.includes(JSON.stringify(s).slice(1, -1))) + 1);
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      const named = namedOutside(v);
      const climbing = v.split(/[\s'"=]+/).find((w) => isRelative(w) && escapesRoot(posix.join(fileDir, w)));
      const reason = named ?? (climbing ? 'relative path climbs above the repository root' : undefined);
      if (reason) found.push({ file, line: lineOf(v), literal: v.slice(0, 120), reason });
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  // tsconfig files allow comments and trailing commas: parse them the way TypeScript does.
  walk(ts.parseConfigFileTextToJson(file, text).config);
  return found;
}

/** The kinds of tracked file whose paths are checked: code, tests, scripts, benchmarks, JSON configs. */
export const scannedFile = /\.(?:ts|mts|cts|mjs|cjs|js|vue|json)$/;

export function outsideReads(file: string, text: string): OutsideRead[] {
  if (file.endsWith('.vue')) return outsideReadsInVue(file, text);
  if (file.endsWith('.json')) return outsideReadsInJson(file, text);
  return outsideReadsInScript(file, text);
}
