import { fail } from './batch-error';
import { bool, duration, ID_PATTERN, int, obj, objects, oneOf, required, str } from './validate';
import { validateNetworkConfiguration } from './validate-network';
import { validateUpgradePolicy, validateVmOptions } from './validate-vm';
import { REMOVED_POOL_ADD_PROPERTIES, REMOVED_POOL_UPDATE_PROPERTIES, refuseRemoved, withoutNulls } from './removed-properties';
import { findImage, findNodeAgentSku } from '../state/catalogue';
import type { JsonObject } from '../state/model';

/** Top-level properties of an add-pool body the service knows (PoolAddParameter); others are dropped. */
const POOL_ADD_PROPERTIES = [
  'displayName', 'vmSize', 'cloudServiceConfiguration', 'virtualMachineConfiguration', 'resizeTimeout',
  'targetDedicatedNodes', 'targetLowPriorityNodes', 'enableAutoScale', 'autoScaleFormula', 'autoScaleEvaluationInterval',
  'enableInterNodeCommunication', 'networkConfiguration', 'startTask', 'certificateReferences',
  'applicationPackageReferences', 'applicationLicenses', 'taskSlotsPerNode', 'taskSchedulingPolicy', 'userAccounts',
  'metadata', 'mountConfiguration', 'targetNodeCommunicationMode', 'resourceTags', 'upgradePolicy',
] as const;

const FIVE_MINUTES = 5 * 60_000;
const DEALLOCATION_OPTIONS = ['requeue', 'terminate', 'taskcompletion', 'retaineddata'] as const;

/** A resize timeout (ISO 8601 duration of at least 5 minutes), as given. */
function resizeTimeout(body: JsonObject): string | undefined {
  const ms = duration(body, 'resizeTimeout');
  if (ms !== undefined && ms < FIVE_MINUTES) throw fail.invalidProperty('resizeTimeout', 'The value must be at least 5 minutes.', body.resizeTimeout);
  return ms === undefined ? undefined : (body.resizeTimeout as string);
}

function validateImage(vm: JsonObject): void {
  const image = obj(vm, 'imageReference', { required: true }) as JsonObject;
  const agent = str(vm, 'nodeAgentSKUId', { required: true }) as string;
  const canonicalAgent = findNodeAgentSku(agent);
  if (!canonicalAgent) {
    throw fail.invalidProperty('nodeAgentSKUId', `The node agent SKU '${agent}' is not supported. List supported images to see the current ones.`, agent);
  }
  vm.nodeAgentSKUId = canonicalAgent;
  if (str(image, 'virtualMachineImageId') !== undefined) return;
  for (const name of ['publisher', 'offer', 'sku']) str(image, name, { required: true });
  str(image, 'version');
  const listed = findImage(image);
  if (listed && listed.nodeAgentSKUId !== canonicalAgent) {
    throw fail.invalidProperty('nodeAgentSKUId', `The image ${listed.imageReference.publisher}/${listed.imageReference.offer}/${listed.imageReference.sku} requires node agent SKU '${listed.nodeAgentSKUId}'.`, agent);
  }
}

/** Validates a start task (pool add and patch). */
export function validateStartTask(task: JsonObject): void {
  str(task, 'commandLine', { required: true });
  int(task, 'maxTaskRetryCount', { min: -1 });
  bool(task, 'waitForSuccess');
  for (const setting of objects(task, 'environmentSettings') ?? []) {
    str(setting, 'name', { required: true });
    str(setting, 'value');
  }
  objects(task, 'resourceFiles');
  obj(task, 'userIdentity');
}

/** Validates metadata name/value pairs. */
export function validateMetadata(items: JsonObject[] | undefined): void {
  for (const item of items ?? []) {
    str(item, 'name', { required: true });
    str(item, 'value', { required: true });
  }
}

function validateScaling(body: JsonObject): void {
  const autoScale = bool(body, 'enableAutoScale') ?? false;
  const dedicated = int(body, 'targetDedicatedNodes', { min: 0 });
  const spot = int(body, 'targetLowPriorityNodes', { min: 0 });
  if (autoScale) {
    str(body, 'autoScaleFormula', { required: true });
    if (dedicated !== undefined) throw fail.invalidProperty('targetDedicatedNodes', 'Cannot be specified when enableAutoScale is true.', dedicated);
    if (spot !== undefined) throw fail.invalidProperty('targetLowPriorityNodes', 'Cannot be specified when enableAutoScale is true.', spot);
  } else if (body.autoScaleFormula !== undefined) {
    throw fail.invalidProperty('autoScaleFormula', 'Can only be specified when enableAutoScale is true.');
  }
  validateAutoScaleInterval(body);
}

/** Validates `autoScaleEvaluationInterval`: between 5 minutes and 168 hours. */
export function validateAutoScaleInterval(body: JsonObject): void {
  const interval = duration(body, 'autoScaleEvaluationInterval');
  if (interval !== undefined && (interval < FIVE_MINUTES || interval > 168 * 3_600_000)) {
    throw fail.invalidProperty('autoScaleEvaluationInterval', 'The value must be between 5 minutes and 168 hours.', body.autoScaleEvaluationInterval);
  }
}

/** The vCPUs a VM size name states (Standard_D2s_v5 → 2, Standard_E64-16s_v5 → 16 active), when it states one. */
export function coresOf(vmSize: string): number | undefined {
  const m = /^standard_[a-z]+(\d+)(?:-(\d+))?/i.exec(vmSize);
  return m ? Number(m[2] ?? m[1]) : undefined;
}

/** taskSlotsPerNode: at most the smaller of 4 × the VM size's cores and 256 (BatchPoolCreateOptions). */
function validateTaskSlots(body: JsonObject): void {
  const slots = int(body, 'taskSlotsPerNode', { min: 1, max: 256 });
  const cores = coresOf(String(body.vmSize));
  if (slots !== undefined && cores !== undefined && slots > 4 * cores) {
    throw fail.invalidProperty('taskSlotsPerNode', `A ${String(body.vmSize)} node has ${cores} cores, so it can have at most ${4 * cores} task slots (4 per core, 256 at most).`, slots);
  }
}

/** Validates `taskSchedulingPolicy` (nodeFillType spread/pack, jobDefaultOrder none/creationtime). */
function validateSchedulingPolicy(policy: JsonObject): void {
  policy.nodeFillType = oneOf(policy, 'nodeFillType', ['spread', 'pack'] as const, { required: true });
  const order = oneOf(policy, 'jobDefaultOrder', ['none', 'creationtime'] as const);
  if (order) policy.jobDefaultOrder = order;
}

/**
 * Validates an add-pool body and returns the id plus the spec to store (known properties only). At 2025-06-01
 * (`modern`) the properties that version removed are refused and its new options are checked.
 */
export function validatePoolAdd(raw: JsonObject, modern: boolean): { id: string; spec: JsonObject } {
  if (modern) refuseRemoved(raw, REMOVED_POOL_ADD_PROPERTIES, 'Microsoft.Azure.Batch.Protocol.Entities.PoolAddParameter');
  const body = withoutNulls(raw);
  const id = str(body, 'id', { required: true, pattern: ID_PATTERN, reason: 'Ids contain only letters, digits, hyphens and underscores and are at most 64 characters long.' }) as string;
  str(body, 'displayName', { max: 1024 });
  // Constrained-vCPU sizes carry a hyphen (Standard_E64-16s_v5).
  str(body, 'vmSize', { required: true, pattern: /^[A-Za-z0-9_-]+$/, reason: 'The value is not a valid VM size.' });
  if (body.cloudServiceConfiguration !== undefined && body.cloudServiceConfiguration !== null) {
    throw fail.invalidProperty('cloudServiceConfiguration', 'Cloud Services Configuration pools were retired on 29 February 2024; use virtualMachineConfiguration.');
  }
  const vm = obj(body, 'virtualMachineConfiguration', { required: true }) as JsonObject;
  validateImage(vm);
  validateVmOptions(vm);
  resizeTimeout(body);
  validateScaling(body);
  bool(body, 'enableInterNodeCommunication');
  const network = obj(body, 'networkConfiguration');
  if (network) validateNetworkConfiguration(network, modern);
  const startTask = obj(body, 'startTask');
  if (startTask) validateStartTask(startTask);
  validateTaskSlots(body);
  const policy = obj(body, 'taskSchedulingPolicy');
  if (policy) validateSchedulingPolicy(policy);
  const upgrade = obj(body, 'upgradePolicy');
  if (upgrade) validateUpgradePolicy(upgrade, (vm.nodePlacementConfiguration as JsonObject | undefined)?.policy === 'zonal');
  for (const user of objects(body, 'userAccounts') ?? []) {
    str(user, 'name', { required: true });
    str(user, 'password', { required: true });
    oneOf(user, 'elevationLevel', ['nonadmin', 'admin'] as const);
  }
  validateMetadata(objects(body, 'metadata'));
  objects(body, 'mountConfiguration');
  const mode = oneOf(body, 'targetNodeCommunicationMode', ['default', 'classic', 'simplified'] as const);
  if (mode) body.targetNodeCommunicationMode = mode;
  const spec: JsonObject = {};
  for (const name of POOL_ADD_PROPERTIES) if (body[name] !== undefined && body[name] !== null) spec[name] = body[name];
  return { id, spec };
}

/** Validates a PATCH or replace-properties body: only the properties present change. */
export function validatePoolPatch(body: JsonObject, modern: boolean): void {
  if (modern) refuseRemoved(body, REMOVED_POOL_UPDATE_PROPERTIES, 'Microsoft.Azure.Batch.Protocol.Entities.PoolPatchParameter');
  const startTask = obj(body, 'startTask');
  if (startTask) validateStartTask(startTask);
  validateMetadata(objects(body, 'metadata'));
  objects(body, 'certificateReferences');
  objects(body, 'applicationPackageReferences');
  oneOf(body, 'targetNodeCommunicationMode', ['default', 'classic', 'simplified'] as const);
}

/** Validates a resize body; returns the new targets (unchanged ones keep their value). */
export function validateResize(body: JsonObject): { dedicated?: number; spot?: number; resizeTimeout?: string } {
  const dedicated = int(body, 'targetDedicatedNodes', { min: 0 });
  const spot = int(body, 'targetLowPriorityNodes', { min: 0 });
  const timeout = resizeTimeout(body);
  oneOf(body, 'nodeDeallocationOption', DEALLOCATION_OPTIONS);
  return { dedicated, spot, resizeTimeout: timeout };
}

/** Validates a remove-nodes body; returns the node ids. */
export function validateRemoveNodes(body: JsonObject): string[] {
  const list = required(body, 'nodeList');
  if (!Array.isArray(list) || list.some((id) => typeof id !== 'string')) throw fail.invalidProperty('nodeList', 'The value must be an array of node ids.');
  if (list.length === 0 || list.length > 100) throw fail.invalidProperty('nodeList', 'Between 1 and 100 nodes can be removed at once.');
  resizeTimeout(body);
  oneOf(body, 'nodeDeallocationOption', DEALLOCATION_OPTIONS);
  return list as string[];
}

