import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'svelte/compiler';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const clientDir = join(import.meta.dirname, '..');
const settings = JSON.parse(readFileSync(join(clientDir, 'project.inlang/settings.json'), 'utf8')) as {
  baseLocale: string;
  locales: string[];
  'plugin.inlang.messageFormat': { pathPattern: string[] };
};
const patterns = settings['plugin.inlang.messageFormat'].pathPattern;

function messages(locale: string, pattern: string): Record<string, string> {
  const file = join(clientDir, pattern.replace('{locale}', locale));
  const entries = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  delete entries.$schema;
  return entries;
}

/** The names a message fills in: `{name}` in the text. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}

describe('the messages', () => {
  it('have every key in every language, with the same placeholders, and none empty', () => {
    const problems: string[] = [];
    for (const pattern of patterns) {
      const base = messages(settings.baseLocale, pattern);
      for (const locale of settings.locales) {
        const other = messages(locale, pattern);
        for (const key of Object.keys(base)) {
          const text = other[key];
          if (text === undefined) problems.push(`${locale}: ${key} is missing (${pattern})`);
          else if (text.trim() === '') problems.push(`${locale}: ${key} is empty`);
          else if (placeholders(text).join() !== placeholders(base[key] ?? '').join())
            problems.push(`${locale}: ${key} fills in other names than ${settings.baseLocale}`);
        }
        for (const key of Object.keys(other)) {
          if (!(key in base))
            problems.push(`${locale}: ${key} is not in ${settings.baseLocale} (${pattern})`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('name each key once across the message files', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const pattern of patterns) {
      for (const key of Object.keys(messages(settings.baseLocale, pattern))) {
        const earlier = seen.get(key);
        if (earlier) twice.push(`${key} in ${earlier} and ${pattern}`);
        seen.set(key, pattern);
      }
    }
    expect(twice).toEqual([]);
  });
});

// What reads as words for a person: a capitalised word, alone or starting a phrase ("Save",
// "Enter your PIN"). Code strings (paths, CSS classes, event and header names) do not look so.
const WORDS = /^\s*[A-Z][a-z’']+(?:[\s,.:;!?…’'()-]+[\p{L}\d’'…]+)*[\s.,:;!?…)]*$/u;
// Text in markup: any two letters in a row.
const MARKUP_WORDS = /\p{L}{2,}/u;
// Attributes whose text a person reads or hears.
const READ_ATTRIBUTES =
  /^(aria-(label|description|valuetext|roledescription|placeholder)|title|placeholder|alt|label|.*[lL]abel|description|heading|hint|message|text)$/;
// Names that are the same in every language.
const NAMES = new Set([
  'Tapin',
  'English',
  'Nederlands',
  'Dexie',
  // Browsers and systems, which a suggested passkey name such as "Chrome on Windows" is made of.
  'Chrome',
  'Edge',
  'Firefox',
  'Opera',
  'Safari',
  'Samsung Internet',
  'Android',
  'Linux',
  'Mac',
  'Windows',
]);

// Components whose words still have to move into the messages; the list only ever shrinks.
const NOT_YET_TRANSLATED = new Set<string>([]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'paraglide' ? [] : sourceFiles(path);
    if (/\.test\.ts$/.test(entry.name)) return [];
    return /\.(svelte|ts)$/.test(entry.name) ? [path] : [];
  });
}

function looksLikeWords(text: string): boolean {
  return WORDS.test(text) && !NAMES.has(text.trim());
}

// A string a value is compared with (`event.key === 'Escape'`, `case 'Home':`) is never shown.
const EQUALITY = new Set(['===', '!==', '==', '!=']);

/** Strings in TypeScript that read as words, skipping what only a developer sees (thrown errors). */
function scriptWords(source: string, fileName: string): string[] {
  const found: string[] = [];
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && /Error$/.test(node.expression.getText(file))) return;
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isCaseClause(node) && ts.isStringLiteral(node.expression)) return node.statements.forEach(visit);
    if (ts.isBinaryExpression(node) && EQUALITY.has(node.operatorToken.getText(file))) {
      for (const side of [node.left, node.right]) if (!ts.isStringLiteral(side)) visit(side);
      return;
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (looksLikeWords(node.text)) found.push(node.text);
    } else if (ts.isTemplateExpression(node)) {
      const text = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join('x');
      if (looksLikeWords(text) || /[a-z]{2,} [a-z]{2,}/.test(text)) found.push(node.getText(file));
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

type SvelteNode = { type?: string; [key: string]: unknown };

/** Text in a component's markup, attributes that are read out, and strings in its expressions. */
function componentWords(source: string, fileName: string): string[] {
  const found: string[] = [];
  const ast = parse(source, { modern: true, filename: fileName });
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = node as SvelteNode;
    if (n.type === 'Text' && typeof n.data === 'string') {
      if (MARKUP_WORDS.test(n.data) && !NAMES.has(n.data.trim())) found.push(n.data.trim());
      return;
    }
    if (n.type === 'Attribute' && typeof n.name === 'string') {
      const values = Array.isArray(n.value) ? (n.value as SvelteNode[]) : [];
      for (const value of values) {
        if (value.type === 'Text') {
          if (READ_ATTRIBUTES.test(n.name) && typeof value.data === 'string' && MARKUP_WORDS.test(value.data))
            found.push(`${n.name}="${value.data}"`);
        } else walk(value);
      }
      if (!Array.isArray(n.value)) walk(n.value);
      return;
    }
    if (n.type === 'Literal' && typeof n.value === 'string') {
      if (looksLikeWords(n.value)) found.push(n.value);
      return;
    }
    if (n.type === 'NewExpression') {
      const callee = n.callee as SvelteNode | undefined;
      if (typeof callee?.name === 'string' && callee.name.endsWith('Error')) return;
    }
    if (n.type === 'ImportDeclaration' || n.type === 'StyleSheet') return;
    if (n.type === 'SwitchCase' && (n.test as SvelteNode | null)?.type === 'Literal')
      return walk(n.consequent);
    if (n.type === 'BinaryExpression' && EQUALITY.has(n.operator as string)) {
      for (const side of [n.left, n.right] as SvelteNode[]) if (side.type !== 'Literal') walk(side);
      return;
    }
    for (const [key, value] of Object.entries(n)) {
      if (key !== 'start' && key !== 'end' && key !== 'loc' && key !== 'metadata') walk(value);
    }
  };
  walk(ast.fragment);
  walk(ast.instance?.content);
  walk(ast.module?.content);
  return found;
}

describe('the client', () => {
  it('shows no hard-coded words: every text comes from the messages', () => {
    const hardCoded: string[] = [];
    for (const path of sourceFiles(join(clientDir, 'src'))) {
      if (NOT_YET_TRANSLATED.has(relative(clientDir, path))) continue;
      const source = readFileSync(path, 'utf8');
      const words = path.endsWith('.svelte') ? componentWords(source, path) : scriptWords(source, path);
      for (const text of words) hardCoded.push(`${relative(clientDir, path)}: ${JSON.stringify(text)}`);
    }
    expect(hardCoded).toEqual([]);
  });
});
