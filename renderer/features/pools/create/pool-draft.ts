import {
  defaultPoolOptions,
  isAnyAddress,
  poolSpecSchema,
  suggestFrontendRange,
  toPoolAddBody,
  type PoolAddBody,
  type PoolSpec,
  type PoolSpecInput,
} from '../../../../contract/features/batch';

/** Everything the create form holds, including parts switched off (so switching back keeps what was typed). */
export interface PoolDraft {
  id: string;
  displayName: string;
  vmSize: string;
  image: { publisher: string; offer: string; sku: string; version: string };
  nodeAgentSkuId: string;
  targetDedicatedNodes: number;
  targetSpotNodes: number;
  taskSlotsPerNode: number;
  /** The 2025-06-01 options (security, OS disk, public IPs, placement, upgrades, containers, scheduling). */
  options: PoolSpec['options'];
  startTaskEnabled: boolean;
  startTask: NonNullable<PoolSpec['startTask']>;
  ssh: PoolSpec['ssh'];
  /** Keep the SSH frontend range sized for the node count until the user sets it by hand. */
  rangeAuto: boolean;
}

/** A new draft: SSH access on, every 2025-06-01 option at its default, the remembered operator address. */
export function newDraft(operatorSourcePrefix = ''): PoolDraft {
  const range = suggestFrontendRange(0);
  return {
    id: '',
    displayName: '',
    vmSize: 'Standard_D2s_v5',
    image: { publisher: '', offer: '', sku: '', version: 'latest' },
    nodeAgentSkuId: '',
    targetDedicatedNodes: 1,
    targetSpotNodes: 0,
    taskSlotsPerNode: 1,
    options: defaultPoolOptions,
    startTaskEnabled: false,
    startTask: { commandLine: '', elevated: true, waitForSuccess: true, useShell: false, maxTaskRetryCount: 0, environment: [] },
    ssh: { enabled: true, frontendPortRangeStart: range.start, frontendPortRangeEnd: range.end, sourceAddressPrefix: operatorSourcePrefix },
    rangeAuto: true,
  };
}

/** Applies a change and re-sizes the SSH range to the node count while it is automatic. */
export function updateDraft(draft: PoolDraft, change: Partial<PoolDraft>): PoolDraft {
  const next = { ...draft, ...change };
  if (next.rangeAuto) {
    const range = suggestFrontendRange(next.targetDedicatedNodes + next.targetSpotNodes);
    next.ssh = { ...next.ssh, frontendPortRangeStart: range.start, frontendPortRangeEnd: range.end };
  }
  return next;
}

/** The spec the draft describes (start task only when switched on). */
export function draftToSpecInput(draft: PoolDraft): PoolSpecInput {
  const { startTaskEnabled, startTask, rangeAuto: _auto, ...rest } = draft;
  return startTaskEnabled ? { ...rest, startTask } : rest;
}

/** The result of checking a draft with the service's rules. */
export interface DraftCheck {
  spec?: PoolSpec;
  /** First problem per field path (`ssh.sourceAddressPrefix`, `startTask.environment.0.name`, …). */
  errors: Record<string, string>;
  /** Allowed but worth a second look. */
  warnings: Record<string, string>;
}

/** Checks the draft with the same schema main checks before sending. */
export function checkDraft(draft: PoolDraft): DraftCheck {
  const result = poolSpecSchema.safeParse(draftToSpecInput(draft));
  const errors: Record<string, string> = {};
  if (!result.success) for (const issue of result.error.issues) errors[issue.path.join('.')] ??= issue.message;
  const warnings: Record<string, string> = {};
  if (draft.ssh.enabled && isAnyAddress(draft.ssh.sourceAddressPrefix)) {
    warnings['ssh.sourceAddressPrefix'] = 'Any address: every host on the internet can try to log in to every node. Prefer your own address or range.';
  }
  const nodes = draft.targetDedicatedNodes + draft.targetSpotNodes;
  const ports = draft.ssh.frontendPortRangeEnd - draft.ssh.frontendPortRangeStart + 1;
  if (draft.ssh.enabled && !errors['ssh.frontendPortRangeEnd'] && ports < nodes * 1.2) {
    warnings['ssh.frontendPortRangeEnd'] = `Only ${ports - nodes} spare ports: growing the pool later may leave new nodes without SSH.`;
  }
  if (draft.options.security.type !== 'none' && draft.image.sku && !/gen2|cvm/i.test(draft.image.sku)) {
    warnings['options.security.type'] = `${draft.image.sku} looks like a Generation 1 image: Trusted Launch and confidential VMs need Generation 2 (its -gen2 SKU), else Batch refuses the pool.`;
  }
  if (draft.options.publicIp.provision === 'nopublicipaddresses') {
    warnings['ssh.enabled'] = 'No public IP addresses: nodes have no SSH from outside the virtual network.';
  } else if (!draft.ssh.enabled) warnings['ssh.enabled'] = 'Without an inbound NAT pool for port 22 the nodes get no SSH endpoint, and it cannot be added later.';
  return result.success ? { spec: result.data, errors, warnings } : { errors, warnings };
}

/** The request body for the preview, even while some fields are still wrong (defaults fill the gaps). */
export function previewBody(draft: PoolDraft): PoolAddBody {
  const input = draftToSpecInput(draft);
  return toPoolAddBody({ ...(input as PoolSpec), displayName: draft.displayName, startTask: draft.startTaskEnabled ? draft.startTask : undefined });
}

const servicePropertyPaths: Record<string, string> = {
  id: 'id',
  displayName: 'displayName',
  vmSize: 'vmSize',
  nodeAgentSKUId: 'nodeAgentSkuId',
  imageReference: 'image.sku',
  publisher: 'image.publisher',
  offer: 'image.offer',
  sku: 'image.sku',
  version: 'image.version',
  targetDedicatedNodes: 'targetDedicatedNodes',
  targetLowPriorityNodes: 'targetSpotNodes',
  taskSlotsPerNode: 'taskSlotsPerNode',
  commandLine: 'startTask.commandLine',
  maxTaskRetryCount: 'startTask.maxTaskRetryCount',
  frontendPortRangeStart: 'ssh.frontendPortRangeStart',
  frontendPortRangeEnd: 'ssh.frontendPortRangeEnd',
  sourceAddressPrefix: 'ssh.sourceAddressPrefix',
  securityType: 'options.security.type',
  uefiSettings: 'options.security.secureBoot',
  encryptionAtHost: 'options.security.encryptionAtHost',
  securityEncryptionType: 'options.security.encryption',
  ephemeralOSDiskSettings: 'options.osDisk.ephemeral',
  diskSizeGB: 'options.osDisk.sizeGB',
  storageAccountType: 'options.osDisk.storageAccountType',
  caching: 'options.osDisk.caching',
  provision: 'options.publicIp.provision',
  ipAddressIds: 'options.publicIp.ipAddressIds',
  ipFamilies: 'options.publicIp.dualStack',
  enableAcceleratedNetworking: 'options.acceleratedNetworking',
  nodePlacementConfiguration: 'options.placement',
  upgradePolicy: 'options.upgrade.mode',
  type: 'options.container',
  nodeFillType: 'options.scheduling.nodeFillType',
  jobDefaultOrder: 'options.scheduling.jobDefaultOrder',
  subnetId: 'options.subnetId',
  autoScaleFormula: 'options.autoScale.formula',
  autoScaleEvaluationInterval: 'options.autoScale.intervalMinutes',
};

/** The form field a service error is about: its PropertyName, or the id for PoolExists. */
export function fieldOfServiceError(serviceCode: string | undefined, property: string | undefined): string | undefined {
  if (serviceCode === 'PoolExists' || serviceCode === 'PoolBeingDeleted') return 'id';
  return property ? servicePropertyPaths[property] : undefined;
}
