import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';

const srcDir = join(import.meta.dirname, '..', 'src');

function components(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return components(path);
    return entry.name.endsWith('.svelte') ? [path] : [];
  });
}

/** Where an element (not a component) gets `{...attributes}`. */
function attributeSpreads(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; name?: string; attributes?: { type: string }[]; start?: number };
    const onElement = n.type === 'RegularElement' || n.type === 'SvelteElement';
    if (onElement && n.attributes?.some((a) => a.type === 'SpreadAttribute'))
      found.push(`${relative(srcDir, file)}: <${n.name}> at ${source.slice(0, n.start).split('\n').length}`);
    for (const [key, value] of Object.entries(n)) if (key !== 'parent') walk(value);
  };
  walk(parse(source, { modern: true, filename: file }).fragment);
  return found;
}

describe('the Svelte runtime the register starts with', () => {
  // Every screen shares one copy of Svelte's runtime, and the register's start file holds it, so a
  // feature used on any admin page is paid for by every register at start. Spreading attributes onto
  // an element is the largest of them (about 2 kB gzipped; docs/benchmarks.md): components take
  // the attributes Tapin uses by name instead.
  it('has no attribute spreading, so elements get their attributes by name', () => {
    expect(components(srcDir).flatMap(attributeSpreads)).toEqual([]);
  });
});
