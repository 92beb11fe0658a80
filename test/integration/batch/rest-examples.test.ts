import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BatchPoolCreateOptions } from '../../../main/batch/rest/models/pools';
import { withRestEmulator } from './rest-fixture';

// Microsoft's official 2025-06-01 examples (see ../shared/batch-api/README.md).
const examplesDir = join(process.cwd(), '..', 'shared', 'batch-api', '2025-06-01', 'examples');
const poolExamples = readdirSync(examplesDir).filter((f) => f.startsWith('Pools_CreatePool_'));

/** Properties the service never returns (secrets), and nulls it leaves out. */
const unreturned = new Set(['accountKey', 'password', 'sasKey', 'protectedSettings']);

/** The body as the service echoes it: secrets and nulls dropped, strings compared case-insensitively (it lower-cases enums and sizes). */
function echoed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(echoed);
  if (typeof value === 'string') return value.toLowerCase();
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k, v]) => v !== null && !unreturned.has(k)).map(([k, v]) => [k, echoed(v)]));
  }
  return value;
}

const world = withRestEmulator();

describe("the official 2025-06-01 pool examples go out unchanged (the 10.2.0 serializer dropped these fields)", () => {
  it.each(poolExamples)('%s: every option comes back from the service', async (file) => {
    const example = JSON.parse(readFileSync(join(examplesDir, file), 'utf8')) as { parameters: { pool: BatchPoolCreateOptions & { targetNodeCommunicationMode?: string } } };
    const { targetNodeCommunicationMode: _retired, ...pool } = example.parameters.pool;
    // The examples name node agents Batch has retired (ubuntu 18.04/20.04); a current Gen2 image keeps every other field.
    const body: BatchPoolCreateOptions = {
      ...pool,
      id: `ex-${poolExamples.indexOf(file)}`,
      virtualMachineConfiguration: {
        ...pool.virtualMachineConfiguration,
        imageReference: { publisher: 'canonical', offer: 'ubuntu-24_04-lts', sku: 'server' },
        nodeAgentSKUId: 'batch.node.ubuntu 24.04',
      },
    };
    await world.client.pools.create(body);
    const stored = await world.client.pools.get(body.id);
    expect(echoed(stored)).toMatchObject(echoed(body) as object);
  });
});
