import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const SERVER = resolve(import.meta.dirname, '..');

// The workspace's own packages (@tapin/shared, TypeScript source) are bundled in; every other
// package stays an import, resolved from node_modules at run time.
const keepPackagesExternal: Plugin = {
  name: 'keep-packages-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@tapin/') ? undefined : { external: true },
    );
  },
};

/**
 * Builds the server to one JavaScript file, so production runs on plain `node` with no TypeScript
 * loader. `outfile` must lie inside server/ so that its imports find server/node_modules.
 */
export async function buildServer(outfile = resolve(SERVER, 'dist/main.js')): Promise<string> {
  await build({
    entryPoints: [resolve(SERVER, 'src/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    plugins: [keepPackagesExternal],
  });
  return outfile;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildServer();
