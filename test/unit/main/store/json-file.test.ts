import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { DamagedFiles, describeDamage } from '../../../../main/store/damaged-files';
import { JsonFile } from '../../../../main/store/json-file';

const schema = z.object({ count: z.number() });

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'bd-json-'));
}

describe('JsonFile', () => {
  it('gives the fallback for a missing file and persists writes, leaving no temp file behind', async () => {
    const dir = folder();
    const file = new JsonFile(join(dir, 'state.json'), schema, () => ({ count: 0 }));
    expect(await file.read()).toEqual({ count: 0 });
    await Promise.all([file.write({ count: 1 }), file.write({ count: 2 })]);
    expect(await file.read()).toEqual({ count: 2 });
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('serialises writers in call order even through two objects on the same file', async () => {
    const dir = folder();
    const a = new JsonFile(join(dir, 'state.json'), schema, () => ({ count: 0 }));
    const b = new JsonFile(join(dir, 'state.json'), schema, () => ({ count: 0 }));
    await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).write({ count: i })));
    expect(await a.read()).toEqual({ count: 49 });
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it.each([
    ['torn JSON', '{"count": 1', /it is not JSON/],
    ['an empty file', '', /the file is empty/],
    ['the wrong shape', '{"count":"many"}', /does not have the expected shape .* at count/],
  ])('sets aside %s as NAME.damaged-TIMESTAMP, reports it once, and keeps running with defaults', async (_name, content, reason) => {
    const dir = folder();
    writeFileSync(join(dir, 'state.json'), content);
    const damaged = new DamagedFiles();
    const heard: string[] = [];
    damaged.listen((report) => heard.push(describeDamage(report)));
    const file = new JsonFile(join(dir, 'state.json'), schema, () => ({ count: 0 }), { damaged });

    expect(await file.read()).toEqual({ count: 0 });
    expect(await file.read()).toEqual({ count: 0 });

    const kept = readdirSync(dir);
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatch(/^state\.json\.damaged-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/);
    expect(readFileSync(join(dir, kept[0] as string), 'utf8')).toBe(content);
    expect(heard).toHaveLength(1);
    expect(heard[0]).toContain(`state.json (${join(dir, 'state.json')}) could not be read`);
    expect(heard[0]).toMatch(reason);
    expect(heard[0]).toContain(`kept it as ${kept[0]}`);

    await file.write({ count: 3 });
    expect(await file.read()).toEqual({ count: 3 });
  });

  it('two readers of one damaged file set it aside once and report it once', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'state.json'), '{');
    const damaged = new DamagedFiles();
    const make = () => new JsonFile(join(dir, 'state.json'), schema, () => ({ count: 0 }), { damaged });
    expect(await Promise.all([make().read(), make().read()])).toEqual([{ count: 0 }, { count: 0 }]);
    expect(readdirSync(dir).filter((n) => n.includes('.damaged-'))).toHaveLength(1);
    expect(damaged.all()).toHaveLength(1);
  });

  it('a listener attached later still hears files damaged before it (settings are read before the app exists)', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'settings.json'), 'nope');
    const damaged = new DamagedFiles();
    await new JsonFile(join(dir, 'settings.json'), schema, () => ({ count: 0 }), { damaged }).read();
    const heard: string[] = [];
    damaged.listen((report) => heard.push(report.name));
    expect(heard).toEqual(['settings.json']);
  });
});
