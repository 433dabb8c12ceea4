import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import * as wire from './index.js';
import { STORABLE_TEXT, text } from './text.js';

interface Def {
  type: string;
  checks?: unknown[];
  [key: string]: unknown;
}

function isSchema(value: unknown): value is z.ZodMiniType {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

/** Every string schema reachable from `schema`, with the path that leads to it. */
function stringsIn(
  schema: z.ZodMiniType,
  path: string,
  found: Map<z.ZodMiniType, string>,
  seen: Set<unknown>,
) {
  if (seen.has(schema)) return;
  seen.add(schema);
  const def = schema._zod.def as Def;
  if (def.type === 'string') found.set(schema, path);
  const children: [string, unknown][] = [];
  if (def.type === 'object') children.push(...Object.entries(def.shape as Record<string, unknown>));
  for (const key of ['element', 'innerType', 'keyType', 'valueType', 'in', 'out', 'left', 'right', 'rest'])
    if (key in def) children.push([key, def[key]]);
  for (const key of ['options', 'items'])
    if (Array.isArray(def[key]))
      children.push(...(def[key] as unknown[]).map((o, i) => [`${key}[${i}]`, o] as [string, unknown]));
  for (const [name, child] of children) if (isSchema(child)) stringsIn(child, `${path}.${name}`, found, seen);
}

describe('the string rule of the wire protocol', () => {
  it('is the first check of every string in every exported schema', () => {
    const found = new Map<z.ZodMiniType, string>();
    const seen = new Set<unknown>();
    for (const [name, value] of Object.entries(wire))
      if (isSchema(value)) stringsIn(value, name, found, seen);
    // The walk must reach the strings, or this test would pass on nothing.
    expect(found.size).toBeGreaterThan(40);
    const bare = [...found]
      .filter(([s]) => (s._zod.def as Def).checks?.[0] !== STORABLE_TEXT)
      .map(([, p]) => p);
    expect(bare).toEqual([]);
  });

  it.each([
    ['a NUL', 'ab\u0000c'],
    ['a lone high surrogate', 'ab\uD83Dc'],
    ['a lone low surrogate', 'ab\uDE00c'],
    ['a high surrogate at the end', 'abc\uD83D'],
    ['a low surrogate at the start', '\uDE00abc'],
    ['two high surrogates', '\uD83D\uD83D'],
  ])('refuses %s', (_name, value) => {
    expect(text().safeParse(value).success).toBe(false);
    expect(wire.PersonName.safeParse(value).success).toBe(false);
  });

  it('accepts characters outside the Basic Multilingual Plane, which are surrogate pairs', () => {
    expect(text().parse('🍞 Bäckerei')).toBe('🍞 Bäckerei');
  });

  it('normalises to NFC before it trims and counts', () => {
    const decomposed = 'Jose\u0301';
    expect(wire.PersonName.parse(` ${decomposed} `)).toBe('Jos\u00e9');
    // 100 characters once composed, 200 code units as sent.
    expect(wire.PersonName.parse('e\u0301'.repeat(wire.NAME_MAX))).toHaveLength(wire.NAME_MAX);
    // U+0958 has no composed form: NFC makes it two code points, and the limit counts both.
    expect(wire.PersonName.safeParse('\u0958'.repeat(wire.NAME_MAX)).success).toBe(false);
  });
});
