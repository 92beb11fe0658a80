import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { JsonFile } from '../../../../main/store/json-file';

const schema = z.object({ count: z.number() });

describe('JsonFile', () => {
  it('gives the fallback for a missing file and persists writes atomically', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bd-json-'));
    const file = new JsonFile(join(dir, 'state.json'), schema, () => ({ count: 0 }));
    expect(await file.read()).toEqual({ count: 0 });
    await Promise.all([file.write({ count: 1 }), file.write({ count: 2 })]);
    expect(await file.read()).toEqual({ count: 2 });
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('reports a file that fails its schema instead of overwriting it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bd-json-'));
    writeFileSync(join(dir, 'state.json'), '{"count":"many"}');
    const file = new JsonFile(join(dir, 'state.json'), schema, () => ({ count: 0 }));
    await expect(file.read()).rejects.toThrow(/state\.json is not valid/);
  });
});
