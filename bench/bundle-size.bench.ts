// What every window downloads and parses before it shows anything: the renderer's JavaScript (raw and gzip, the
// entry chunk apart from chunks loaded later) and the sandboxed preload that Electron runs before every page.
// Run: `npm run bench bundle` (builds first), or `node --import tsx bench/bundle-size.bench.ts` on an existing build
// (BATCH_DECK_OUT=folder reads that build instead of out/).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const out = process.env.BATCH_DECK_OUT ?? 'out';
const goals = { rendererGzip: 1_000_000, preload: 20_000 };

/** Raw and gzip (level 9, what a static server would send) bytes of one file. */
function sizeOf(path: string): { raw: number; gzip: number } {
  const bytes = readFileSync(path);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

function main(): void {
  const assets = join(out, 'renderer', 'assets');
  const html = readFileSync(join(out, 'renderer', 'index.html'), 'utf8');
  const js = readdirSync(assets).filter((file) => file.endsWith('.js'));
  const sizes = js.map((file) => ({ file, entry: html.includes(file), ...sizeOf(join(assets, file)) }));
  const total = sizes.reduce((sum, s) => ({ raw: sum.raw + s.raw, gzip: sum.gzip + s.gzip }), { raw: 0, gzip: 0 });
  const entry = sizes.filter((s) => s.entry).reduce((sum, s) => ({ raw: sum.raw + s.raw, gzip: sum.gzip + s.gzip }), { raw: 0, gzip: 0 });
  const preload = sizeOf(join(out, 'preload', 'index.js'));
  const rows: [string, string, string][] = [
    [`renderer JS, all ${js.length} chunk(s)`, `${kb(total.raw)} raw, **${kb(total.gzip)} gzip**`, `≤ ${kb(goals.rendererGzip)} gzip: ${total.gzip <= goals.rendererGzip ? 'met' : 'missed'}`],
    ['renderer JS loaded before the first page (entry chunk)', `${kb(entry.raw)} raw, ${kb(entry.gzip)} gzip`, '–'],
    ['preload (sandboxed, runs before every page)', `**${kb(preload.raw)}** raw, ${kb(preload.gzip)} gzip`, `≤ ${kb(goals.preload)}: ${preload.raw <= goals.preload ? 'met' : 'missed'}`],
  ];
  console.log(`\nBuild in ${out}/\n`);
  console.log('| what | size | goal |\n|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log('\n| chunk | raw | gzip |\n|---|---|---|');
  for (const s of sizes.sort((a, b) => b.raw - a.raw)) console.log(`| ${s.file}${s.entry ? ' (entry)' : ''} | ${kb(s.raw)} | ${kb(s.gzip)} |`);
  if (total.gzip > goals.rendererGzip || preload.raw > goals.preload) process.exitCode = 1;
}

main();
