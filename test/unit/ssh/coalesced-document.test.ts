import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateEd25519KeyPair, publicKeyBlob } from '../../../main/keys/managed-key-store';
import { hostKeyFromBlob } from '../../../main/ssh/host-key-blob';
import { CoalescedDocument } from '../../../main/ssh/coalesced-document';
import { HostKeyTrust } from '../../../main/ssh/host-key-trust';
import { KnownHostsFile } from '../../../main/ssh/known-hosts-file';
import { JsonFile } from '../../../main/store/json-file';

const listSchema = z.object({ items: z.array(z.number()) });
type List = z.infer<typeof listSchema>;

/** The real durable JsonFile, counting how often it writes. */
class CountingFile extends JsonFile<typeof listSchema> {
  writes = 0;
  override write(value: List): Promise<void> {
    this.writes += 1;
    return super.write(value);
  }
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'coalesced-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const append = (n: number) => (document: List) => ({ document: { items: [...document.items, n] }, result: n });

describe('coalesced document', () => {
  it('1,000 changes at once reach disk in at most two durable writes, every one of them kept', async () => {
    const file = new CountingFile(join(dir, 'list.json'), listSchema, () => ({ items: [] }));
    const document = new CoalescedDocument(file);
    const results = await Promise.all(Array.from({ length: 1000 }, (_, i) => document.update(append(i))));
    expect(results).toHaveLength(1000);
    expect(file.writes).toBeGreaterThan(0);
    expect(file.writes).toBeLessThanOrEqual(2);
    const onDisk = listSchema.parse(JSON.parse(readFileSync(file.path, 'utf8')));
    expect([...onDisk.items].sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('a change is on disk when its promise resolves; a change that changes nothing writes nothing', async () => {
    const file = new CountingFile(join(dir, 'list.json'), listSchema, () => ({ items: [] }));
    const document = new CoalescedDocument(file);
    await document.update(append(7));
    expect(readFileSync(file.path, 'utf8')).toContain('7');
    expect(await document.update(() => ({ result: 'same' }))).toBe('same');
    expect(file.writes).toBe(1);
  });

  it('a change made while a write is in flight is carried by the next write', async () => {
    const file = new CountingFile(join(dir, 'list.json'), listSchema, () => ({ items: [] }));
    const document = new CoalescedDocument(file);
    const first = document.update(append(1));
    await new Promise((resolve) => setImmediate(resolve));
    const later = [document.update(append(2)), document.update(append(3))];
    await Promise.all([first, ...later]);
    expect(listSchema.parse(JSON.parse(readFileSync(file.path, 'utf8'))).items).toEqual([1, 2, 3]);
    expect(file.writes).toBeLessThanOrEqual(2);
  });
});

describe('host-key trust store on first contact with many nodes', () => {
  it('1,000 keys trusted at once are all on disk for the next start of the app', async () => {
    const key = hostKeyFromBlob(publicKeyBlob(generateEd25519KeyPair('').public));
    const trust = new HostKeyTrust(dir, new KnownHostsFile(join(dir, 'known_hosts')));
    const hosts = Array.from({ length: 1000 }, (_, i) => `[127.0.0.1]:${50_000 + i}`);
    await Promise.all(hosts.map((host) => trust.trust(host, key)));
    const restarted = new HostKeyTrust(dir, new KnownHostsFile(join(dir, 'known_hosts')));
    expect((await restarted.list()).map((k) => k.hostKeyId).sort()).toEqual([...hosts].sort());
    expect(await restarted.check(hosts[999]!, key)).toEqual({ verdict: 'trusted' });
  });
});
