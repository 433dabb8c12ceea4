// Builds the server to one JavaScript file, so production runs on plain `node` with no TypeScript
// loader. The workspace's own packages (@tapin/shared, TypeScript source) are bundled in; every
// other package stays an import, resolved from node_modules at run time.
import { build } from 'esbuild';

const keepExternal = {
  name: 'keep-node-modules-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@tapin/') ? undefined : { external: true },
    );
  },
};

await build({
  entryPoints: [new URL('./src/main.ts', import.meta.url).pathname],
  outfile: new URL('./dist/main.js', import.meta.url).pathname,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [keepExternal],
});
