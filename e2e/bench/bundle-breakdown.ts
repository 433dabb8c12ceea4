/**
 * Which packages the bytes of a built JavaScript file come from, read from its source map.
 *
 * Every byte of the minified file belongs to the source that the map's nearest segment to its
 * left names; for bytes the map leaves out, see `unmappedOwner`. Sources are grouped by package: the last `node_modules/<name>` in the
 * path, `@tapin/shared` for the project's shared package, `app (client/src)` for the client's own
 * code. Each package's bytes are gzipped on their own, in file order, so the figures read like
 * "what this package costs"; they add up to a little more than the gzipped file, which also
 * shares its dictionary across packages.
 */
import { gzipSync } from 'node:zlib';

/** The parts of a source map (version 3) that the breakdown needs. */
export interface SourceMap {
  sources: (string | null)[];
  mappings: string;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** One segment's fields, decoded from base64 VLQ: column, then (relative) source, line, column, name. */
function decodeSegment(text: string): number[] {
  const fields: number[] = [];
  let value = 0;
  let shift = 0;
  for (const c of text) {
    const digit = DIGIT.get(c);
    if (digit === undefined) throw new Error(`Not a base64 VLQ digit in a source map: ${c}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    // The lowest bit is the sign.
    fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return fields;
}

/** The package a source path belongs to. */
export function packageOf(source: string | null): string {
  if (!source) return '(bundler)';
  const i = source.lastIndexOf('node_modules/');
  if (i >= 0) {
    const [scope, name] = source.slice(i + 'node_modules/'.length).split('/');
    return scope?.startsWith('@') ? `${scope}/${name}` : (scope ?? source);
  }
  if (/(^|\/)shared\/src\//.test(source)) return '@tapin/shared';
  if (source.startsWith('\0') || source.includes('vite/')) return '(bundler)';
  return 'app (client/src)';
}

/**
 * Who owns code the source map leaves out. Svelte maps its compiled components only in part:
 * the hoisted templates (HTML in a template literal) and much of the glue between mapped pieces
 * are the component's own, so such code belongs to the package of the nearest mapped code before
 * it. The chunk's import and export lists, and code before anything mapped (the bundler's module
 * runtime), are the bundler's.
 */
function unmappedOwner(text: string, before: string | null): string {
  if (/`</.test(text)) return 'app (client/src)';
  if (!before || /^(import|export)\{/.test(text)) return '(bundler)';
  return before;
}

export interface PackageShare {
  name: string;
  raw: number;
  gzip: number;
  /** The package's code from the file, in file order. */
  text: string;
}

/** The file's bytes grouped by the package they come from, largest gzipped share first. */
export function breakDown(code: string, map: SourceMap): PackageShare[] {
  const parts = new Map<string, string[]>();
  const add = (pkg: string, text: string) => {
    if (!text) return;
    const list = parts.get(pkg) ?? [];
    list.push(text);
    parts.set(pkg, list);
  };
  const lines = code.split('\n');
  const mapped = map.mappings.split(';');
  let source = 0; // Source indexes are relative to the previous segment, across lines.
  let lastMapped: string | null = null; // The package of the latest code that had a source.
  lines.forEach((line, n) => {
    const segments = (mapped[n] ?? '').split(',').filter(Boolean);
    let column = 0; // Generated columns restart on every line.
    let from = 0;
    let owner: string | null = null; // null: the map names no source here.
    const flush = (text: string) => add(owner ?? unmappedOwner(text, lastMapped), text);
    for (const segment of segments) {
      const fields = decodeSegment(segment);
      column += fields[0] ?? 0;
      flush(line.slice(from, column));
      from = column;
      if (fields.length >= 4) {
        source += fields[1] ?? 0;
        owner = packageOf(map.sources[source] ?? null);
        lastMapped = owner;
      } else {
        owner = null;
      }
    }
    flush(line.slice(from) + (n < lines.length - 1 ? '\n' : ''));
  });
  return [...parts]
    .map(([name, texts]) => {
      const text = texts.join('');
      return { name, raw: Buffer.byteLength(text), gzip: gzipSync(text, { level: 9 }).length, text };
    })
    .sort((a, b) => b.gzip - a.gzip);
}
