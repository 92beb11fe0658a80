import type { operationsChannels } from '../../contract/features/operations';
import type { PartialHandlers } from '../router';
import type { OperationRegistry } from './operation-registry';

/** The channels every long operation shares. */
export type OperationsChannel = keyof typeof operationsChannels;

/** Contract handlers for listing, reattaching to and cancelling long operations. */
export function operationsHandlers(registry: OperationRegistry): PartialHandlers<OperationsChannel> {
  return {
    'operations:list': (filter) => registry.list(filter),
    'operations:get': ({ operationId }) => registry.get(operationId),
    'operations:cancel': ({ operationId }) => ({ cancelled: registry.cancel(operationId) }),
  };
}
