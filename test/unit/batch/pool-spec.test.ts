import { describe, expect, it } from 'vitest';
import {
  frontendRangeProblem,
  poolSpecSchema,
  sourcePrefixProblem,
  suggestFrontendRange,
  toAzCliCommand,
  toPoolAddBody,
  type PoolSpecInput,
} from '../../../contract/features/batch';

const valid: PoolSpecInput = {
  id: 'render-farm_01',
  vmSize: 'Standard_D2s_v5',
  image: { publisher: 'canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts' },
  nodeAgentSkuId: 'batch.node.ubuntu 22.04',
  targetDedicatedNodes: 2,
  ssh: { enabled: true, frontendPortRangeStart: 15000, frontendPortRangeEnd: 15099, sourceAddressPrefix: '203.0.113.7' },
};

/** The first message per field path, as the form shows it. */
function problems(input: PoolSpecInput): Record<string, string> {
  const result = poolSpecSchema.safeParse(input);
  if (result.success) return {};
  const out: Record<string, string> = {};
  for (const issue of result.error.issues) out[issue.path.join('.')] ??= issue.message;
  return out;
}

describe('pool id (letters, digits, - and _, 1–64 characters)', () => {
  it('accepts a valid spec and fills the defaults: 1 slot, SSH on, every 2025-06-01 option at its default', () => {
    const spec = poolSpecSchema.parse(valid);
    expect(spec).toMatchObject({ taskSlotsPerNode: 1, targetSpotNodes: 0, ssh: { enabled: true } });
    expect(spec.image.version).toBe('latest');
  });

  it.each([
    ['bad id!', 'may contain only letters, digits'],
    ['', 'Enter a pool id'],
    ['a'.repeat(65), 'at most 64'],
    ['pool.1', 'may contain only'],
    ['pööl', 'may contain only'],
  ])('refuses %j inline', (id, message) => {
    expect(problems({ ...valid, id }).id).toContain(message);
  });

  it('accepts 64 characters of hyphens, underscores and digits', () => {
    expect(problems({ ...valid, id: `-_${'9'.repeat(62)}` })).toEqual({});
  });
});

describe('pool fields', () => {
  it('display names may hold any Unicode up to 1024 characters', () => {
    expect(problems({ ...valid, displayName: 'Render 🎬 farm' })).toEqual({});
    expect(problems({ ...valid, displayName: 'x'.repeat(1025) }).displayName).toContain('1024');
  });

  it('VM sizes are names like Standard_D2s_v5, and Standard_A0 is not supported', () => {
    expect(problems({ ...valid, vmSize: 'Standard D2' }).vmSize).toContain('letters, digits and underscores');
    expect(problems({ ...valid, vmSize: 'STANDARD_A0' }).vmSize).toContain('Standard_A0');
    expect(problems({ ...valid, vmSize: '' }).vmSize).toContain('Enter a VM size');
  });

  it('node counts are whole and not negative; task slots are 1 to 256', () => {
    expect(problems({ ...valid, targetDedicatedNodes: -1 }).targetDedicatedNodes).toContain('negative');
    expect(problems({ ...valid, targetSpotNodes: 1.5 }).targetSpotNodes).toContain('whole');
    expect(problems({ ...valid, taskSlotsPerNode: 0 }).taskSlotsPerNode).toContain('At least 1');
    expect(problems({ ...valid, taskSlotsPerNode: 257 }).taskSlotsPerNode).toContain('256');
  });

  it('an image and its agent SKU must be chosen, and Windows agent SKUs are refused (Linux pools only)', () => {
    expect(problems({ ...valid, nodeAgentSkuId: '' }).nodeAgentSkuId).toContain('Choose an image');
    expect(problems({ ...valid, nodeAgentSkuId: 'batch.node.windows amd64' }).nodeAgentSkuId).toContain('Linux');
    expect(problems({ ...valid, image: { publisher: '', offer: 'o', sku: 's' } })['image.publisher']).toContain('Choose an image');
  });

  it('start task: a command line is required, environment names are identifiers and unique, retries -1 to 100', () => {
    const task = { commandLine: 'printenv AZ_BATCH_NODE_STARTUP_DIR' };
    expect(problems({ ...valid, startTask: { ...task, commandLine: '  ' } })['startTask.commandLine']).toContain('Enter the command line');
    expect(problems({ ...valid, startTask: { ...task, environment: [{ name: '1BAD', value: '' }] } })['startTask.environment.0.name']).toContain('starts with a letter');
    expect(
      problems({ ...valid, startTask: { ...task, environment: [{ name: 'A', value: '1' }, { name: 'A', value: '2' }] } })['startTask.environment.1.name'],
    ).toContain('set twice');
    expect(problems({ ...valid, startTask: { ...task, maxTaskRetryCount: -2 } })['startTask.maxTaskRetryCount']).toContain('-1');
  });
});

describe('SSH access: inbound NAT pool and NSG rule', () => {
  it('frontend ranges avoid 50000–55000, hold at least 40 ports and at least one port per node', () => {
    expect(frontendRangeProblem(50000, 50100, 2)?.field).toBe('start');
    expect(frontendRangeProblem(49990, 50040, 2)?.message).toContain('reserved');
    expect(frontendRangeProblem(40000, 56000, 2)?.message).toContain('span');
    expect(frontendRangeProblem(55001, 55040, 2)).toBeUndefined();
    expect(frontendRangeProblem(15000, 15038, 2)?.message).toContain('at least 40');
    expect(frontendRangeProblem(15000, 15099, 150)?.message).toContain('150 nodes need');
    expect(frontendRangeProblem(15000, 14999, 1)?.message).toContain('not be below');
    expect(frontendRangeProblem(65000, 65535, 1)?.field).toBe('end');
  });

  it('the form shows a range problem on the field that must change', () => {
    const tooSmall = { ...valid, targetDedicatedNodes: 200 };
    expect(problems(tooSmall)['ssh.frontendPortRangeEnd']).toContain('200 nodes');
    expect(problems({ ...valid, ssh: { ...valid.ssh, frontendPortRangeStart: 52000, frontendPortRangeEnd: 52100 } })['ssh.frontendPortRangeStart']).toContain('reserved');
  });

  it('the suggested range fits the pool with room to grow and never touches the reserved block', () => {
    for (const nodes of [0, 2, 40, 1000, 10_000, 30_000, 60_000]) {
      const range = suggestFrontendRange(nodes);
      if (nodes <= 33_000) expect(frontendRangeProblem(range.start, range.end, nodes)).toBeUndefined();
    }
    expect(suggestFrontendRange(2)).toEqual({ start: 15000, end: 15099 });
    expect(suggestFrontendRange(10_000)).toEqual({ start: 15000, end: 29999 });
  });

  it('source prefixes are an IPv4 address, a CIDR, a service tag or *', () => {
    for (const ok of ['203.0.113.7', '192.168.1.0/24', '*', 'Internet', '0.0.0.0/0']) expect(sourcePrefixProblem(ok)).toBeUndefined();
    for (const bad of ['', '300.1.1.1', '10.0.0.0/33', '10.0.0/8', 'fe80::1', ' 1.2.3.4', '1.2.3.4/24/1', '01.2.3.4']) {
      expect(sourcePrefixProblem(bad), bad).toBeDefined();
    }
    expect(problems({ ...valid, ssh: { ...valid.ssh, sourceAddressPrefix: '' } })['ssh.sourceAddressPrefix']).toContain('public IP');
  });

  it('with SSH off no range or address is needed', () => {
    expect(problems({ ...valid, ssh: { enabled: false, frontendPortRangeStart: 52000, frontendPortRangeEnd: 1, sourceAddressPrefix: '' } })).toEqual({});
  });
});

describe('the request body and its previews', () => {
  it('maps SSH access to a NAT pool on backend port 22 that admits the operator and denies everyone else', () => {
    const body = toPoolAddBody(poolSpecSchema.parse({ ...valid, startTask: { commandLine: 'echo $HOME | tee x', useShell: true } }));
    expect(body.networkConfiguration?.endpointConfiguration?.inboundNATPools).toEqual([
      {
        name: 'ssh', protocol: 'tcp', backendPort: 22, frontendPortRangeStart: 15000, frontendPortRangeEnd: 15099,
        networkSecurityGroupRules: [
          { priority: 150, access: 'allow', sourceAddressPrefix: '203.0.113.7' },
          { priority: 3500, access: 'deny', sourceAddressPrefix: '*' },
        ],
      },
    ]);
    expect(body.startTask).toEqual({
      commandLine: "/bin/bash -c 'echo $HOME | tee x'",
      waitForSuccess: true,
      maxTaskRetryCount: 0,
      userIdentity: { autoUser: { scope: 'pool', elevationLevel: 'admin' } },
    });
    expect(body).not.toHaveProperty('targetNodeCommunicationMode');
    expect(body).toMatchObject({ taskSchedulingPolicy: { nodeFillType: 'spread' }, targetLowPriorityNodes: 0, virtualMachineConfiguration: { nodeAgentSKUId: 'batch.node.ubuntu 22.04' } });
  });

  it('"any address" gets the allow rule only (a deny-all would shadow nothing)', () => {
    const body = toPoolAddBody(poolSpecSchema.parse({ ...valid, ssh: { ...valid.ssh, sourceAddressPrefix: '*' } }));
    expect(body.networkConfiguration?.endpointConfiguration?.inboundNATPools[0]?.networkSecurityGroupRules).toEqual([
      { priority: 150, access: 'allow', sourceAddressPrefix: '*' },
    ]);
  });

  it('quotes single quotes when wrapping a start task in bash', () => {
    const body = toPoolAddBody(poolSpecSchema.parse({ ...valid, startTask: { commandLine: "echo 'hi'", useShell: true } }));
    expect(body.startTask?.commandLine).toBe(`/bin/bash -c 'echo '\\''hi'\\'''`);
  });

  it('the az preview writes the same JSON to a file and passes it with --json-file', () => {
    const body = toPoolAddBody(poolSpecSchema.parse({ ...valid, ssh: { enabled: false } }));
    const command = toAzCliCommand(body, { name: 'sandbox', endpoint: 'http://127.0.0.1:1234' });
    expect(command).toContain(JSON.stringify(body, null, 2));
    expect(command).toContain('az batch pool create --json-file pool-render-farm_01.json');
    expect(command).toContain('--account-name sandbox --account-endpoint http://127.0.0.1:1234');
    expect(body.networkConfiguration).toBeUndefined();
  });
});
