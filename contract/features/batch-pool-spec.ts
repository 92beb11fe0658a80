import { z } from 'zod';
import {
  defaultSshFrontendStart,
  denyOthersRulePriority,
  frontendRangeProblem,
  isAnyAddress,
  operatorRulePriority,
  sourcePrefixProblem,
} from './batch-network-rules';
import { defaultPoolOptions, poolOptionProblems, poolOptionsSchema, toPoolOptionsBody, type PoolOptionsBody } from './batch-pool-options';

/**
 * What a user fills in to create a Linux pool, with the Batch service's validation rules (BatchPoolCreateOptions and
 * its parts in BatchService.json 2025-06-01; ../shared/batch-api/NOTES.md). The form checks it on every keystroke; the
 * router checks it again before main sends anything. Fields 2025-06-01 removed (certificate references, resource
 * tags, node communication mode, cloud services) are not part of it.
 */

/** Pool ids: letters, digits, hyphens and underscores, 1–64 characters (unique case-insensitively in the account). */
export const poolIdSchema = z
  .string()
  .min(1, 'Enter a pool id.')
  .max(64, 'A pool id is at most 64 characters.')
  .regex(/^[A-Za-z0-9_-]+$/, 'A pool id may contain only letters, digits, hyphens (-) and underscores (_).');

/** Compute node ids as the service makes them (`tvmps_<hex>_d`); any non-empty id without path characters. */
export const nodeIdSchema = z.string().min(1).max(256).regex(/^[^/\\?#]+$/, 'Not a node id.');

const environmentNameSchema = z
  .string()
  .min(1, 'Enter a variable name.')
  .max(256, 'A variable name is at most 256 characters.')
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'A variable name starts with a letter or _ and holds only letters, digits and _.');

/** The start task as the form shows it: runs as the pool-wide admin auto-user when `elevated`. */
export const startTaskSpecSchema = z.object({
  commandLine: z.string().trim().min(1, 'Enter the command line the start task runs.').max(8192, 'The command line is at most 8192 characters.'),
  /** Run as the pool's admin auto-user (scope pool, elevation admin). */
  elevated: z.boolean().default(true),
  /** Hold the node out of scheduling until the start task exits 0. */
  waitForSuccess: z.boolean().default(true),
  /** Wrap the command in `/bin/bash -c '…'` so pipes and $VARIABLES work (the service runs it without a shell). */
  useShell: z.boolean().default(false),
  maxTaskRetryCount: z.number().int('Retries are a whole number.').min(-1, '-1 (retry forever) is the lowest value.').max(100, 'At most 100 retries.').default(0),
  environment: z.array(z.object({ name: environmentNameSchema, value: z.string().max(32_768) })).max(100).default([]),
});

/** SSH access through an inbound NAT pool to backend port 22, limited by an NSG rule to the operator's address. */
export const sshAccessSpecSchema = z.object({
  enabled: z.boolean().default(true),
  frontendPortRangeStart: z.number().int('A port is a whole number.').default(defaultSshFrontendStart),
  frontendPortRangeEnd: z.number().int('A port is a whole number.').default(defaultSshFrontendStart + 99),
  /** An IPv4 address, CIDR range, service tag or `*` (any address: allowed but flagged). */
  sourceAddressPrefix: z.string().max(64).default(''),
});

const countSchema = (what: string) =>
  z.number().int(`${what} is a whole number.`).min(0, `${what} cannot be negative.`).max(100_000, `${what} is at most 100,000.`);

/** A new pool as the user describes it. */
export const poolSpecSchema = z
  .object({
    id: poolIdSchema,
    displayName: z.string().max(1024, 'A display name is at most 1024 characters.').default(''),
    vmSize: z
      .string()
      .trim()
      .min(1, 'Enter a VM size, for example Standard_D2s_v5.')
      .max(64)
      .regex(/^[A-Za-z0-9_]+$/, 'A VM size holds only letters, digits and underscores (for example Standard_D2s_v5).')
      .refine((size) => size.toLowerCase() !== 'standard_a0', 'Batch does not support Standard_A0.'),
    image: z.object({
      publisher: z.string().min(1, 'Choose an image.').max(256),
      offer: z.string().min(1, 'Choose an image.').max(256),
      sku: z.string().min(1, 'Choose an image.').max(256),
      version: z.string().min(1).max(64).default('latest'),
    }),
    nodeAgentSkuId: z
      .string()
      .min(1, 'Choose an image: its node agent SKU comes with it.')
      .max(128)
      .refine((sku) => !sku.toLowerCase().startsWith('batch.node.windows'), 'Batch Deck creates Linux pools; this agent SKU is for Windows.'),
    targetDedicatedNodes: countSchema('The dedicated node count').default(0),
    targetSpotNodes: countSchema('The spot node count').default(0),
    taskSlotsPerNode: z.number().int('Task slots are a whole number.').min(1, 'At least 1 task slot per node.').max(256, 'At most 256 task slots per node.').default(1),
    options: poolOptionsSchema.default(defaultPoolOptions),
    startTask: startTaskSpecSchema.optional(),
    ssh: sshAccessSpecSchema.default({ enabled: true, frontendPortRangeStart: defaultSshFrontendStart, frontendPortRangeEnd: defaultSshFrontendStart + 99, sourceAddressPrefix: '' }),
  })
  .superRefine((spec, ctx) => {
    const names = new Set<string>();
    spec.startTask?.environment.forEach((variable, index) => {
      if (names.has(variable.name)) ctx.addIssue({ code: 'custom', path: ['startTask', 'environment', index, 'name'], message: `${variable.name} is set twice.` });
      names.add(variable.name);
    });
    const nodes = { dedicated: spec.targetDedicatedNodes, spot: spec.targetSpotNodes };
    for (const problem of poolOptionProblems(spec.options, nodes, spec.ssh.enabled)) ctx.addIssue({ code: 'custom', path: ['options', ...problem.path], message: problem.message });
    if (!spec.ssh.enabled) return;
    const range = frontendRangeProblem(spec.ssh.frontendPortRangeStart, spec.ssh.frontendPortRangeEnd, nodes.dedicated + nodes.spot);
    if (range) ctx.addIssue({ code: 'custom', path: ['ssh', range.field === 'start' ? 'frontendPortRangeStart' : 'frontendPortRangeEnd'], message: range.message });
    const prefix = sourcePrefixProblem(spec.ssh.sourceAddressPrefix);
    if (prefix) ctx.addIssue({ code: 'custom', path: ['ssh', 'sourceAddressPrefix'], message: prefix });
  });

/** What the form edits (defaults not yet applied). */
export type PoolSpecInput = z.input<typeof poolSpecSchema>;
/** A validated pool spec with defaults filled in. */
export type PoolSpec = z.output<typeof poolSpecSchema>;

/** One inbound NAT pool of the add-pool body. */
export interface InboundNatPoolBody {
  name: string;
  protocol: 'tcp';
  backendPort: number;
  frontendPortRangeStart: number;
  frontendPortRangeEnd: number;
  networkSecurityGroupRules: { priority: number; access: 'allow' | 'deny'; sourceAddressPrefix: string }[];
}

/**
 * The add-pool request body in the 2025-06-01 wire shape (a subset of BatchPoolCreateOptions; also az's --json-file
 * format).
 */
export interface PoolAddBody {
  id: string;
  displayName?: string;
  vmSize: string;
  virtualMachineConfiguration: {
    imageReference: { publisher: string; offer: string; sku: string; version: string };
    nodeAgentSKUId: string;
  } & PoolOptionsBody['vm'];
  /** Absent when autoscale sets the node counts. */
  targetDedicatedNodes?: number;
  targetLowPriorityNodes?: number;
  enableAutoScale?: true;
  autoScaleFormula?: string;
  autoScaleEvaluationInterval?: string;
  taskSlotsPerNode: number;
  taskSchedulingPolicy: PoolOptionsBody['taskSchedulingPolicy'];
  upgradePolicy?: PoolOptionsBody['upgradePolicy'];
  startTask?: {
    commandLine: string;
    waitForSuccess: boolean;
    maxTaskRetryCount: number;
    userIdentity?: { autoUser: { scope: 'pool'; elevationLevel: 'admin' } };
    environmentSettings?: { name: string; value: string }[];
  };
  networkConfiguration?: { endpointConfiguration?: { inboundNATPools: InboundNatPoolBody[] } } & PoolOptionsBody['network'];
}

/** Quotes a command for `/bin/bash -c '…'`. */
export function shellWrap(command: string): string {
  return `/bin/bash -c '${command.replace(/'/g, `'\\''`)}'`;
}

/** Turns a validated spec into the exact request body Batch Deck sends (and previews). */
export function toPoolAddBody(spec: PoolSpec): PoolAddBody {
  const options = toPoolOptionsBody(spec.options);
  const body: PoolAddBody = {
    id: spec.id,
    ...(spec.displayName ? { displayName: spec.displayName } : {}),
    vmSize: spec.vmSize,
    virtualMachineConfiguration: { imageReference: { ...spec.image }, nodeAgentSKUId: spec.nodeAgentSkuId, ...options.vm },
    // The service refuses target counts beside an autoscale formula: the formula sets them.
    ...(options.autoScale ? options.autoScale : { targetDedicatedNodes: spec.targetDedicatedNodes, targetLowPriorityNodes: spec.targetSpotNodes }),
    taskSlotsPerNode: spec.taskSlotsPerNode,
    taskSchedulingPolicy: options.taskSchedulingPolicy,
    ...(options.upgradePolicy ? { upgradePolicy: options.upgradePolicy } : {}),
  };
  if (Object.keys(options.network).length > 0) body.networkConfiguration = { ...options.network };
  if (spec.startTask) {
    const task = spec.startTask;
    body.startTask = {
      commandLine: task.useShell ? shellWrap(task.commandLine) : task.commandLine,
      waitForSuccess: task.waitForSuccess,
      maxTaskRetryCount: task.maxTaskRetryCount,
      ...(task.elevated ? { userIdentity: { autoUser: { scope: 'pool', elevationLevel: 'admin' } } } : {}),
      ...(task.environment.length > 0 ? { environmentSettings: task.environment.map((e) => ({ name: e.name, value: e.value })) } : {}),
    };
  }
  if (spec.ssh.enabled) {
    const prefix = spec.ssh.sourceAddressPrefix;
    const rules: { priority: number; access: 'allow' | 'deny'; sourceAddressPrefix: string }[] = [
      { priority: operatorRulePriority, access: 'allow', sourceAddressPrefix: prefix },
    ];
    if (!isAnyAddress(prefix)) rules.push({ priority: denyOthersRulePriority, access: 'deny', sourceAddressPrefix: '*' });
    body.networkConfiguration = {
      ...body.networkConfiguration,
      endpointConfiguration: {
        inboundNATPools: [
          {
            name: 'ssh',
            protocol: 'tcp',
            backendPort: 22,
            frontendPortRangeStart: spec.ssh.frontendPortRangeStart,
            frontendPortRangeEnd: spec.ssh.frontendPortRangeEnd,
            networkSecurityGroupRules: rules,
          },
        ],
      },
    };
  }
  return body;
}

/** The same request as an `az batch pool create --json-file` command (az reads the REST body shape). */
export function toAzCliCommand(body: PoolAddBody, account?: { name: string; endpoint: string }): string {
  const file = `pool-${body.id || 'new'}.json`;
  const target = account ? ` \\\n  --account-name ${account.name} --account-endpoint ${account.endpoint}` : '';
  return `cat > ${file} <<'EOF'\n${JSON.stringify(body, null, 2)}\nEOF\naz batch pool create --json-file ${file}${target}`;
}
