import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findImage, findNodeAgentSku } from '../../../../emulator/state/catalogue';

/** Microsoft's x-ms-examples for api-version 2025-06-01 (shared/batch-api, next to this repository). */
export const EXAMPLES_2025_DIR = join(process.cwd(), '..', 'shared', 'batch-api', '2025-06-01', 'examples');

/** One official example: request parameters and the responses by status code. */
export interface OfficialExample {
  operationId: string;
  parameters: Record<string, unknown>;
  responses: Record<string, { body?: unknown; [header: string]: unknown }>;
}

/** Reads an example file by name (without `.json`). */
export function officialExample(name: string): OfficialExample {
  return JSON.parse(readFileSync(join(EXAMPLES_2025_DIR, `${name}.json`), 'utf8')) as OfficialExample;
}

function jsonType(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/** Every key path of a JSON value with its JSON type (array items collapse to `[]`, so lists merge their items). */
export function shapeOf(value: unknown, prefix = '$', into = new Map<string, Set<string>>()): Map<string, Set<string>> {
  const types = into.get(prefix) ?? new Set<string>();
  types.add(jsonType(value));
  into.set(prefix, types);
  if (Array.isArray(value)) for (const item of value) shapeOf(item, `${prefix}[]`, into);
  else if (typeof value === 'object' && value !== null) for (const [key, v] of Object.entries(value)) shapeOf(v, `${prefix}.${key}`, into);
  return into;
}

/** The example's paths that the produced body lacks or carries with another JSON type, as readable lines. */
export function shapeDifferences(example: unknown, produced: unknown): string[] {
  const have = shapeOf(produced);
  const problems: string[] = [];
  for (const [path, types] of shapeOf(example)) {
    const got = have.get(path);
    if (!got) problems.push(`${path} missing`);
    else for (const type of types) if (!got.has(type)) problems.push(`${path} is ${[...got].join('|')}, the example has ${type}`);
  }
  return problems;
}

/** Today's Ubuntu 22.04 images: retired agents (Ubuntu 18.04/20.04) in examples are swapped for these. */
const JAMMY = { publisher: 'canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts', version: 'latest' };
const JAMMY_AGENT = 'batch.node.ubuntu 22.04';

/**
 * An example pool body with today's images: a listed image keeps its image and gets the agent the catalogue names;
 * an image on a retired agent becomes Ubuntu 22.04 of the same VM generation. Everything else stays as Microsoft wrote it.
 */
export function modernisePool(pool: Record<string, unknown>): Record<string, unknown> {
  const vm = pool.virtualMachineConfiguration as Record<string, unknown> | undefined;
  if (!vm) return pool;
  const image = vm.imageReference as Record<string, string>;
  const listed = findImage(image);
  if (listed) return { ...pool, virtualMachineConfiguration: { ...vm, nodeAgentSKUId: listed.nodeAgentSKUId } };
  if (findNodeAgentSku(String(vm.nodeAgentSKUId))) return pool;
  const gen2 = /gen2/i.test(image.sku ?? '');
  return { ...pool, virtualMachineConfiguration: { ...vm, nodeAgentSKUId: JAMMY_AGENT, imageReference: { ...JAMMY, sku: gen2 ? '22_04-lts-gen2' : '22_04-lts' } } };
}

/** The properties of a GET-pool example body that a pool add accepts: to build the pool the example shows. */
export function poolAddBodyFrom(getBody: Record<string, unknown>): Record<string, unknown> {
  const keep = ['id', 'vmSize', 'virtualMachineConfiguration', 'startTask', 'taskSlotsPerNode', 'taskSchedulingPolicy', 'enableInterNodeCommunication', 'targetDedicatedNodes', 'targetLowPriorityNodes', 'networkConfiguration', 'metadata'];
  return modernisePool(Object.fromEntries(Object.entries(getBody).filter(([key]) => keep.includes(key))));
}
