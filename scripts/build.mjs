// Builds everything the hosts run into out/: the renderer with Vite, main/preload/emulator with esbuild.
// Usage: node scripts/build.mjs [--skip-renderer]
// BATCH_DECK_OUT=folder builds elsewhere than out/ (parallel work on one checkout must not overwrite each other's build).
import { build as esbuild } from 'esbuild';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { build as viteBuild } from 'vite';
import { writeChannelModule } from './generate-channels.mjs';

const out = process.env.BATCH_DECK_OUT ?? 'out';
const nodeEntries = [
  { in: 'main/web/cli.ts', out: `${out}/main/web.js` },
  { in: 'main/electron/main.ts', out: `${out}/main/electron.js` },
  { in: 'emulator/cli.ts', out: `${out}/emulator/cli.js` },
].filter((entry) => existsSync(entry.in));

const started = Date.now();
// The preload's channel-name lists come from the contract (preload/generated-channels.ts), rewritten when they changed.
if (existsSync('preload/index.ts') && (await writeChannelModule())) console.log('Updated preload/generated-channels.ts from contract/channels.ts');
if (!process.argv.includes('--skip-renderer')) {
  // Always a production React bundle, even when started from a test runner that sets NODE_ENV=test.
  process.env.NODE_ENV = 'production';
  await viteBuild({ configFile: 'vite.config.mts', mode: 'production', logLevel: 'warn', build: { outDir: resolve(out, 'renderer') } });
}
await Promise.all([
  ...nodeEntries.map((entry) =>
    esbuild({
      entryPoints: [entry.in],
      outfile: entry.out,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      // Runtime dependencies stay in node_modules (native modules like node-pty cannot be bundled).
      packages: 'external',
      logLevel: 'warning',
    }),
  ),
  existsSync('preload/index.ts')
    ? esbuild({
        entryPoints: ['preload/index.ts'],
        outfile: `${out}/preload/index.js`,
        bundle: true,
        platform: 'node',
        target: 'chrome130',
        format: 'cjs',
        // A sandboxed preload may only require('electron'); everything else is bundled in.
        external: ['electron'],
        logLevel: 'warning',
      })
    : Promise.resolve(),
]);
console.log(`Built Batch Deck into ${out}/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
