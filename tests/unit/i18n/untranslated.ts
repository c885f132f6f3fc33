/**
 * A heuristic detector of user-visible English written straight into a Vue SFC instead of coming
 * from `t()`. The template is read through Vue's own parser: any text node with words, any
 * user-visible attribute (title, aria-label, placeholder...) with words, and any string with
 * words in an interpolation or a bound visible attribute. Scripts are read with TypeScript: a
 * string that reads like a sentence (two words or more, a capital first or a full stop last)
 * outside `t()`, `console.*`, imports and types. Samples in untranslated.test.ts keep it honest.
 */
import ts from 'typescript';
import { NodeTypes, type AttributeNode, type DirectiveNode, type ElementNode, type TemplateChildNode } from '@vue/compiler-core';
import { parse } from 'vue/compiler-sfc';

export interface Finding {
  line: number;
  text: string;
  where: 'text' | 'attribute' | 'expression' | 'script';
}

/** Attributes people read or hear. */
const visibleAttributes = new Set(['title', 'alt', 'placeholder', 'label', 'aria-label', 'aria-description', 'aria-placeholder', 'aria-roledescription', 'aria-valuetext']);
/** Acronyms and addresses read the same in every language: IMAP, SSL/TLS, https://. */
const untranslatable = (s: string) => /^[A-Z0-9/]{2,8}$/.test(s.trim()) || /^[a-z][a-z0-9+.-]*:\/\/\S*$/.test(s.trim());
const hasWords = (s: string) => /\p{L}{2,}/u.test(s) && !untranslatable(s);
/** A key, a code, a class or test id: lower-case, no spaces (`admin`, `mr-button`, `admin.title`). */
const looksLikeToken = (s: string) => /^[a-z0-9_][\w.:/#-]*$/.test(s) || /^[\s\p{P}\p{S}\d]*$/u.test(s);
/** Two words or more, starting with a capital or ending like a sentence, and not code or markup. */
const looksLikeSentence = (s: string) =>
  /\p{L}{2,}[\s’']+\p{L}{2,}/u.test(s) && (/^\p{Lu}/u.test(s.trim()) || /[.!?…:]$/.test(s.trim())) && !/[<>{}=;#\\[\]]|\/\/|\$\{/.test(s);

/** String literals in `code` that a person would read, skipping `t()`, `console.*`, imports, types. */
function literalsIn(code: string, accept: (s: string) => boolean): { offset: number; text: string }[] {
  const source = ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true);
  const found: { offset: number; text: string }[] = [];
  const ignoredCall = (n: ts.Node): boolean => {
    if (!ts.isCallExpression(n)) return false;
    const callee = n.expression;
    if (ts.isIdentifier(callee)) return callee.text === 't' || callee.text === 'translate';
    return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'console';
  };
  const visit = (n: ts.Node, ignored: boolean): void => {
    if (ts.isImportDeclaration(n) || ts.isExportDeclaration(n) || ts.isTypeNode(n)) return;
    const skip = ignored || ignoredCall(n);
    if ((ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) && !skip) {
      const parent = n.parent;
      const compared =
        ts.isBinaryExpression(parent) &&
        [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken].includes(parent.operatorToken.kind);
      const isKey = (ts.isPropertyAssignment(parent) && parent.name === n) || ts.isElementAccessExpression(parent) || ts.isCaseClause(parent);
      if (!compared && !isKey && accept(n.text)) found.push({ offset: n.getStart(source), text: n.text });
    }
    if (ts.isTemplateExpression(n) && !skip) {
      for (const part of [n.head, ...n.templateSpans.map((s) => s.literal)]) {
        if (accept(part.text)) found.push({ offset: part.getStart(source), text: part.text });
      }
    }
    n.forEachChild((c) => visit(c, skip));
  };
  visit(source, false);
  return found;
}

function lineOf(source: string, offset: number): number {
  return source.slice(0, offset).split('\n').length;
}

function templateFindings(nodes: TemplateChildNode[], out: Finding[]): void {
  const strictLiteral = (s: string) => hasWords(s) && !looksLikeToken(s.trim());
  for (const node of nodes) {
    if (node.type === NodeTypes.TEXT && hasWords(node.content)) {
      out.push({ line: node.loc.start.line, text: node.content.trim(), where: 'text' });
    } else if (node.type === NodeTypes.INTERPOLATION && node.content.type === NodeTypes.SIMPLE_EXPRESSION) {
      for (const l of literalsIn(`(${node.content.content})`, strictLiteral)) out.push({ line: node.loc.start.line, text: l.text, where: 'expression' });
    } else if (node.type === NodeTypes.ELEMENT) {
      for (const prop of (node as ElementNode).props as (AttributeNode | DirectiveNode)[]) {
        if (prop.type === NodeTypes.ATTRIBUTE && visibleAttributes.has(prop.name) && prop.value && hasWords(prop.value.content)) {
          out.push({ line: prop.loc.start.line, text: prop.value.content, where: 'attribute' });
        }
        const arg = prop.type === NodeTypes.DIRECTIVE && prop.arg?.type === NodeTypes.SIMPLE_EXPRESSION ? prop.arg.content : undefined;
        if (prop.type === NodeTypes.DIRECTIVE && prop.name === 'bind' && arg && visibleAttributes.has(arg) && prop.exp?.type === NodeTypes.SIMPLE_EXPRESSION) {
          for (const l of literalsIn(`(${prop.exp.content})`, strictLiteral)) out.push({ line: prop.loc.start.line, text: l.text, where: 'expression' });
        }
      }
      templateFindings((node as ElementNode).children, out);
    } else if ('children' in node && Array.isArray(node.children)) {
      templateFindings(node.children as TemplateChildNode[], out);
    }
  }
}

/** What in this SFC looks like English a person reads without it going through `t()`. */
export function untranslatedIn(sfc: string): Finding[] {
  const { descriptor } = parse(sfc);
  const out: Finding[] = [];
  if (descriptor.template?.ast) templateFindings(descriptor.template.ast.children, out);
  for (const block of [descriptor.script, descriptor.scriptSetup]) {
    if (!block) continue;
    const firstLine = block.loc.start.line;
    for (const l of literalsIn(block.content, looksLikeSentence)) {
      out.push({ line: firstLine + lineOf(block.content, l.offset) - 1, text: l.text, where: 'script' });
    }
  }
  return out;
}
