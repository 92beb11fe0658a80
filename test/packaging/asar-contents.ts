import { extractAll, extractFile, getRawHeader } from '@electron/asar';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** One file in an app.asar: its path (starting with /) and whether it lives in app.asar.unpacked. */
export interface AsarFile {
  path: string;
  unpacked: boolean;
}

interface HeaderNode {
  files?: Record<string, HeaderNode>;
  unpacked?: boolean;
  link?: string;
}

/** Every file (not folder) in the archive, read from its header. */
export function listAsarFiles(archive: string): AsarFile[] {
  const found: AsarFile[] = [];
  const walk = (node: HeaderNode, prefix: string): void => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const path = `${prefix}/${name}`;
      if (child.files) walk(child, path);
      else found.push({ path, unpacked: child.unpacked === true });
    }
  };
  walk(getRawHeader(archive).header as HeaderNode, '');
  return found;
}

/** The text of one file in the archive. */
export function readAsarText(archive: string, path: string): string {
  return extractFile(archive, path.replace(/^\//, '')).toString('utf8');
}

/** The packages a bundled file loads with require("name"), less Node's built-ins and electron. */
export function requiredPackages(bundle: string): string[] {
  const names = new Set<string>();
  for (const match of bundle.matchAll(/require\("([^".][^"]*)"\)/g)) {
    const specifier = match[1]!;
    if (specifier.startsWith('node:') || specifier === 'electron') continue;
    names.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);
  }
  return [...names].sort();
}

/**
 * Extracts the archive (with its unpacked files) into `dir` and loads each package from there in a separate Node,
 * the way the packaged main process would find it. Returns one line per package that failed to load.
 */
export function packagesThatFailToLoad(archive: string, dir: string, packages: string[]): string[] {
  extractAll(archive, dir);
  const script = [
    "const { createRequire } = require('node:module');",
    `const load = createRequire(${JSON.stringify(join(dir, 'out', 'main', 'electron.js'))});`,
    'const failed = [];',
    `for (const name of ${JSON.stringify(packages)}) {`,
    '  try { load(name); } catch (error) { failed.push(`${name}: ${String(error.message).split("\\n")[0]}`); }',
    '}',
    'process.stdout.write(JSON.stringify(failed));',
  ].join('\n');
  const env = { ...process.env };
  delete env.NODE_PATH; // resolve from the extracted app only, never from a global folder
  const run = spawnSync(process.execPath, ['-e', script], { cwd: dir, env, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`Loading the packaged modules crashed Node:\n${run.stderr}`);
  return JSON.parse(run.stdout) as string[];
}
