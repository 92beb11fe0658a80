import { describe, expect, it } from 'vitest';
import { coresOf, validatePoolAdd } from '../../../../emulator/api/validate-pool';
import type { BatchApiError } from '../../../../emulator/api/batch-error';

const JAMMY = { imageReference: { publisher: 'canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts' }, nodeAgentSKUId: 'batch.node.ubuntu 22.04' };

function refusal(body: Record<string, unknown>): Record<string, string> {
  try {
    validatePoolAdd({ id: 'p', virtualMachineConfiguration: JAMMY, ...body }, true);
  } catch (error) {
    return Object.fromEntries((error as BatchApiError).values.map((v) => [v.key, v.value]));
  }
  throw new Error('accepted');
}

describe('task slots per node', () => {
  it('reads the cores a VM size name states', () => {
    expect(coresOf('Standard_D2s_v5')).toBe(2);
    expect(coresOf('standard_a1')).toBe(1);
    expect(coresOf('Standard_DC2s_v2')).toBe(2);
    expect(coresOf('Standard_E64-16s_v5')).toBe(16);
    expect(coresOf('Standard_HB120rs_v3')).toBe(120);
    expect(coresOf('custom')).toBeUndefined();
  });

  it('allows up to 4 slots per core and 256 in all, as the service does', () => {
    expect(() => validatePoolAdd({ id: 'p', vmSize: 'Standard_D2s_v5', virtualMachineConfiguration: JAMMY, taskSlotsPerNode: 8 }, true)).not.toThrow();
    expect(refusal({ vmSize: 'Standard_D2s_v5', taskSlotsPerNode: 9 })).toMatchObject({ PropertyName: 'taskSlotsPerNode', PropertyValue: '9' });
    expect(refusal({ vmSize: 'Standard_HB120rs_v3', taskSlotsPerNode: 257 }).PropertyName).toBe('taskSlotsPerNode');
    expect(() => validatePoolAdd({ id: 'p', vmSize: 'Standard_E64-16s_v5', virtualMachineConfiguration: JAMMY, taskSlotsPerNode: 64 }, true)).not.toThrow();
    expect(refusal({ vmSize: 'Standard_E64-16s_v5', taskSlotsPerNode: 65 }).PropertyName).toBe('taskSlotsPerNode');
  });
});

describe('confidential VMs', () => {
  const CVM = { imageReference: { publisher: 'canonical', offer: '0001-com-ubuntu-confidential-vm-jammy', sku: '22_04-lts-cvm' }, nodeAgentSKUId: 'batch.node.ubuntu 22.04' };
  const GEN2 = { imageReference: { publisher: 'canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts-gen2' }, nodeAgentSKUId: 'batch.node.ubuntu 22.04' };
  const disk = { managedDisk: { securityProfile: { securityEncryptionType: 'VMGuestStateOnly' } } };

  it('need a ConfidentialVMCompatible image and a disk security encryption type', () => {
    const onGen2 = refusal({ vmSize: 'Standard_DC2as_v5', virtualMachineConfiguration: { ...GEN2, securityProfile: { securityType: 'confidentialVM' }, osDisk: disk } });
    expect(onGen2).toMatchObject({ PropertyName: 'securityType' });
    expect(onGen2.Reason).toMatch(/ConfidentialVMCompatible/);
    expect(refusal({ vmSize: 'Standard_DC2as_v5', virtualMachineConfiguration: { ...CVM, securityProfile: { securityType: 'confidentialvm' } } })).toEqual({ PropertyName: 'securityEncryptionType' });
    const { spec } = validatePoolAdd({ id: 'p', vmSize: 'Standard_DC2as_v5', virtualMachineConfiguration: { ...CVM, securityProfile: { securityType: 'ConfidentialVM' }, osDisk: disk } }, true);
    expect(spec.virtualMachineConfiguration).toMatchObject({ securityProfile: { securityType: 'confidentialvm' } });
  });
});

describe('upgrade policy', () => {
  const base = { vmSize: 'Standard_D2s_v5' };

  it('needs a mode and keeps rolling upgrade percentages within the spec', () => {
    expect(refusal({ ...base, upgradePolicy: { automaticOSUpgradePolicy: { enableAutomaticOSUpgrade: true } } })).toEqual({ PropertyName: 'mode' });
    expect(refusal({ ...base, upgradePolicy: { mode: 'rolling', rollingUpgradePolicy: { maxBatchInstancePercent: 4 } } }).PropertyName).toBe('maxBatchInstancePercent');
    expect(refusal({ ...base, upgradePolicy: { mode: 'rolling', rollingUpgradePolicy: { maxBatchInstancePercent: 50, maxUnhealthyInstancePercent: 20 } } }).PropertyName).toBe('maxBatchInstancePercent');
  });

  it('allows cross-zone upgrades only for zonal pools', () => {
    const policy = { mode: 'rolling', rollingUpgradePolicy: { enableCrossZoneUpgrade: true } };
    expect(refusal({ ...base, upgradePolicy: policy }).PropertyName).toBe('enableCrossZoneUpgrade');
    const zonal = { ...JAMMY, nodePlacementConfiguration: { policy: 'Zonal' } };
    const { spec } = validatePoolAdd({ id: 'p', ...base, virtualMachineConfiguration: zonal, upgradePolicy: policy }, true);
    expect(spec).toMatchObject({ upgradePolicy: { mode: 'rolling' }, virtualMachineConfiguration: { nodePlacementConfiguration: { policy: 'zonal' } } });
  });
});
