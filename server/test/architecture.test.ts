import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering rules of docs/architecture.md, checked on the source itself so that a change that
 * breaks one fails the test suite, not a later review.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const SOURCE_ROOTS = ['server/src', 'shared/src', 'client/src'];

function filesUnder(dir: string): string[] {
  const abs = join(ROOT, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(ROOT, path)).isDirectory() ? filesUnder(path) : [path];
  });
}

const isTest = (path: string) => /\.test\.ts$/.test(path);
const sources = SOURCE_ROOTS.flatMap(filesUnder).filter((p) => /\.(ts|svelte)$/.test(p) && !isTest(p));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const lineCount = (path: string) => read(path).split('\n').length;

/** Relative imports of a file: static, dynamic and `export … from`. */
function importsOf(path: string): string[] {
  const text = read(path);
  const specs = [
    ...text.matchAll(/(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ]
    .map((m) => m[1] ?? m[2] ?? '')
    .filter((s) => s.startsWith('.'));
  return specs.flatMap((spec) => {
    const base = join(dirname(path), spec);
    const candidates = [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, `${base}/index.ts`];
    const found = candidates.find((c) => existsSync(join(ROOT, c)) && statSync(join(ROOT, c)).isFile());
    return found ? [found] : [];
  });
}

describe('the layering rules', () => {
  it('keeps every source file under 250 lines, CSS aside', () => {
    const long = sources.filter((p) => lineCount(p) > 250).map((p) => `${p}: ${lineCount(p)}`);
    expect(long).toEqual([]);
  });

  it('keeps every route file under 120 lines, with no query of its own', () => {
    const routes = sources.filter((p) => p.startsWith('server/src/') && p.endsWith('-routes.ts'));
    expect(routes.length).toBeGreaterThan(5);
    expect(routes.filter((p) => lineCount(p) > 120)).toEqual([]);
    const query = /\.(selectFrom|insertInto|updateTable|deleteFrom|selectNoFrom)\(|\bsql`/;
    expect(routes.filter((p) => query.test(read(p)))).toEqual([]);
  });

  it('has no import circles', () => {
    const graph = new Map(sources.map((p) => [p, importsOf(p)]));
    const state = new Map<string, 'visiting' | 'done'>();
    const circles: string[] = [];
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        circles.push([...trail.slice(trail.indexOf(file)), file].join(' -> '));
        return;
      }
      state.set(file, 'visiting');
      for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(circles).toEqual([]);
  });

  it('keeps client/src/lib a kit that imports no feature', () => {
    const lib = sources.filter((p) => p.startsWith('client/src/lib/'));
    expect(lib.length).toBeGreaterThan(0);
    const outward = lib.flatMap((p) =>
      importsOf(p)
        // The compiled messages are part of the kit: every screen's words, no screen's logic.
        .filter(
          (target) => !target.startsWith('client/src/lib/') && !target.startsWith('client/src/paraglide/'),
        )
        .map((target) => `${p} -> ${relative('client/src', target)}`),
    );
    expect(outward).toEqual([]);
  });

  it('compares roles only in the shared access rules and the access middleware', () => {
    const allowed = ['shared/src/access/', 'server/src/access/'];
    const roleCheck =
      /\brole\s*[!=]==\s*['"]|[!=]==\s*['"](admin|manager|cashier)['"]|['"](admin|manager|cashier)['"]\s*[!=]==/;
    const found = sources.filter((p) => !allowed.some((a) => p.startsWith(a)) && roleCheck.test(read(p)));
    expect(found).toEqual([]);
  });

  it('keeps the database reset for end-to-end tests out of the production app', () => {
    const production = sources.filter((p) => p.startsWith('server/src/'));
    expect(production.filter((p) => /api\/test|resetRoutes|TAPIN_E2E_RESET/.test(read(p)))).toEqual([]);
  });
});
