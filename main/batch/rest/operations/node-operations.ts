import { batchPath, type BatchRequester, type CallOptions, type ListOptions } from '../batch-requester';
import type {
  BatchNode, BatchNodeDeallocateOptions, BatchNodeDisableSchedulingOptions, BatchNodeRebootOptions, BatchNodeReimageOptions,
  BatchNodeRemoteLoginSettings, BatchNodeUserCreateOptions, BatchNodeUserUpdateOptions,
} from '../models/nodes';
import { selectQuery, type GetOptions } from './pool-operations';

/** Compute nodes: list, get, actions (reboot, reimage, deallocate, start, scheduling), remote login, node users. */
export function nodeOperations(requester: BatchRequester) {
  const action = (path: string, body: object | undefined, options: CallOptions) =>
    requester.send({ method: 'POST', path, ...(body ? { body } : {}), expect: [202, 200] }, options).then(() => undefined);
  return {
    /** GET /pools/{poolId}/nodes, every page. */
    list: (poolId: string, options: ListOptions = {}) => requester.listAll<BatchNode>(batchPath`/pools/${poolId}/nodes`, options),
    /** GET /pools/{poolId}/nodes/{nodeId}. */
    get: async (poolId: string, nodeId: string, options: GetOptions = {}) =>
      (await requester.send<BatchNode>({ method: 'GET', path: batchPath`/pools/${poolId}/nodes/${nodeId}`, query: selectQuery(options), expect: [200] }, options)).body,
    /** POST …/reboot (202). */
    reboot: (poolId: string, nodeId: string, body: BatchNodeRebootOptions = {}, options: CallOptions = {}) =>
      action(batchPath`/pools/${poolId}/nodes/${nodeId}/reboot`, body, options),
    /** POST …/reimage (202). */
    reimage: (poolId: string, nodeId: string, body: BatchNodeReimageOptions = {}, options: CallOptions = {}) =>
      action(batchPath`/pools/${poolId}/nodes/${nodeId}/reimage`, body, options),
    /** POST …/deallocate (202): the node stops and keeps its disk (2025-06-01). */
    deallocate: (poolId: string, nodeId: string, body: BatchNodeDeallocateOptions = {}, options: CallOptions = {}) =>
      action(batchPath`/pools/${poolId}/nodes/${nodeId}/deallocate`, body, options),
    /** POST …/start (202): a deallocated node starts again with its disk (2025-06-01). */
    start: (poolId: string, nodeId: string, options: CallOptions = {}) => action(batchPath`/pools/${poolId}/nodes/${nodeId}/start`, undefined, options),
    /** POST …/disablescheduling (200). */
    disableScheduling: (poolId: string, nodeId: string, body: BatchNodeDisableSchedulingOptions = {}, options: CallOptions = {}) =>
      action(batchPath`/pools/${poolId}/nodes/${nodeId}/disablescheduling`, body, options),
    /** POST …/enablescheduling (200). */
    enableScheduling: (poolId: string, nodeId: string, options: CallOptions = {}) =>
      action(batchPath`/pools/${poolId}/nodes/${nodeId}/enablescheduling`, undefined, options),
    /** GET …/remoteloginsettings: the public address and port for SSH (and the IPv6 pair on dual-stack pools). */
    getRemoteLoginSettings: async (poolId: string, nodeId: string, options: CallOptions = {}) =>
      (await requester.send<BatchNodeRemoteLoginSettings>({ method: 'GET', path: batchPath`/pools/${poolId}/nodes/${nodeId}/remoteloginsettings`, expect: [200] }, options)).body,
    /** POST …/users (201); 409 NodeUserExists for a taken name. Not resent after a dropped connection. */
    addUser: async (poolId: string, nodeId: string, user: BatchNodeUserCreateOptions, options: CallOptions = {}) => {
      await requester.send({ method: 'POST', path: batchPath`/pools/${poolId}/nodes/${nodeId}/users`, body: user, expect: [201], resendAfterDrop: false }, options);
    },
    /** PUT …/users/{userName} (200): replaces password, key and expiry. */
    replaceUser: async (poolId: string, nodeId: string, userName: string, update: BatchNodeUserUpdateOptions, options: CallOptions = {}) => {
      await requester.send({ method: 'PUT', path: batchPath`/pools/${poolId}/nodes/${nodeId}/users/${userName}`, body: update, expect: [200] }, options);
    },
    /** DELETE …/users/{userName} (200). */
    deleteUser: async (poolId: string, nodeId: string, userName: string, options: CallOptions = {}) => {
      await requester.send({ method: 'DELETE', path: batchPath`/pools/${poolId}/nodes/${nodeId}/users/${userName}`, expect: [200] }, options);
    },
  };
}
