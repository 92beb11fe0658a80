import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const mainDir = path.resolve(__dirname, '../../../main');

/** Matches the specifier of `import … from '…'`, `export … from '…'` and `import('…')`. */
const specifierPattern = /(?:\bfrom\s+|\bimport\s*\(\s*)['"]([^'"]+)['"]/g;

/** The top folder under main/ that a path lies in, or undefined for main/*.ts itself and anything outside main/. */
function topFolder(file: string): string | undefined {
  const parts = path.relative(mainDir, file).split(path.sep);
  return parts.length > 1 && parts[0] !== '..' ? parts[0] : undefined;
}

/** Every `from → to` pair of top folders under main/ where a file in `from` imports a file in `to`, with one example file. */
function folderEdges(): Map<string, string> {
  const edges = new Map<string, string>();
  const files = readdirSync(mainDir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
  for (const relative of files) {
    const file = path.join(mainDir, relative);
    const from = topFolder(file);
    for (const [, specifier = ''] of readFileSync(file, 'utf8').matchAll(specifierPattern)) {
      if (!from || !specifier.startsWith('.')) continue;
      const to = topFolder(path.resolve(path.dirname(file), specifier));
      if (to && to !== from && !edges.has(`${from} → ${to}`)) edges.set(`${from} → ${to}`, `main/${relative}`);
    }
  }
  return edges;
}

/** Folder pairs whose imports go one way only (issue 15): the second must never import the first. */
const oneWay: Array<[lower: string, upper: string]> = [
  ['batch', 'accounts'],
  ['ssh', 'terminal'],
  ['pty', 'terminal'],
];

describe('folders under main/ import one way', () => {
  const edges = folderEdges();

  it('reads the import lines it checks (the upper folders do import the lower ones)', () => {
    for (const [lower, upper] of oneWay) expect(edges.has(`${upper} → ${lower}`), `${upper} → ${lower}`).toBe(true);
  });

  it.each(oneWay)('main/%s does not import main/%s', (lower, upper) => {
    const example = edges.get(`${lower} → ${upper}`);
    expect(example, `${example} imports main/${upper}/; move what both need into main/${lower}/ or a lower folder`).toBeUndefined();
  });

  it('main/net, the lowest folder, imports no other folder of main/', () => {
    const outgoing = [...edges].filter(([edge]) => edge.startsWith('net → '));
    expect(outgoing).toEqual([]);
  });
});
