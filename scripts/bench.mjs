// `npm run bench [name…]`: runs the benchmarks in bench/ (each `bench/*.bench.ts` is a standalone script that
// prints its results as a Markdown table). Not part of `npm test`; docs/benchmarks.md records results.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const wanted = process.argv.slice(2);
const files = readdirSync('bench')
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => wanted.length === 0 || wanted.some((name) => file.includes(name)))
  .sort();
if (files.length === 0) {
  console.error(`No benchmark matches ${wanted.join(', ') || '(any)'} in bench/.`);
  process.exit(2);
}
spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
let failures = 0;
for (const file of files) {
  console.log(`\n## ${file}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', `bench/${file}`], { stdio: 'inherit' });
  if (result.status !== 0) failures++;
}
process.exit(failures === 0 ? 0 : 1);
