import { poolSpecSchema, type PoolSpec, type PoolSpecInput } from '../../../contract/features/batch';
import type { RequestSpec } from '../../../main/batch/rest/batch-requester';
import type { BatchRestClient } from '../../../main/batch/rest/batch-rest-client';

/** Shared with the provisioning tests and benches. */
export { emulatorSource } from '../../helpers/emulator-source';

/** Collects events the services emit. */
export function recordingEvents() {
  const seen: { event: string; payload: unknown }[] = [];
  return { seen, emit: (event: string, payload: unknown) => void seen.push({ event, payload }) };
}


/** A frontend port range start unlikely to collide with other tests' emulators on this machine. */
export function randomFrontendStart(): number {
  return 20_000 + Math.floor(Math.random() * 250) * 100;
}

/** A valid Ubuntu 22.04 pool spec (SSH off unless overridden), as the form would send it. */
export function jammyPool(overrides: Partial<PoolSpecInput> & { id: string }): PoolSpec {
  return poolSpecSchema.parse({
    vmSize: 'Standard_D2s_v5',
    image: { publisher: 'canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts' },
    nodeAgentSkuId: 'batch.node.ubuntu 22.04',
    targetDedicatedNodes: 1,
    ssh: { enabled: false },
    ...overrides,
  });
}

/** Wraps one client method so each real call bumps `counter.calls` (to see when the service is asked again). */
export function countCalls<T extends object, K extends keyof T>(target: T, method: K, counter: { calls: number }): void {
  const original = (target[method] as (...args: unknown[]) => unknown).bind(target);
  target[method] = ((...args: unknown[]) => (counter.calls++, original(...args))) as T[K];
}

/** Counts the requests of the 2025-06-01 client that `matches` picks, resends excluded (next-page links included). */
export function countRequests(rest: BatchRestClient, matches: (spec: RequestSpec) => boolean, counter: { calls: number }): void {
  const send = rest.requester.send.bind(rest.requester);
  rest.requester.send = ((spec: RequestSpec, options) => (matches(spec) && counter.calls++, send(spec, options))) as typeof rest.requester.send;
}

/** A GET of a pool's node list: the first page or a next link. */
export const nodeListPage = (spec: RequestSpec): boolean => spec.method === 'GET' && /\/pools\/[^/?]+\/nodes(\?|$)/.test(spec.path);

export { eventually } from '../../helpers/eventually';
