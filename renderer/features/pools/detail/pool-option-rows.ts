import type { PoolOptions } from '../../../../contract/features/batch';

const securityWords = { none: 'Standard', trustedLaunch: 'Trusted Launch', confidentialvm: 'Confidential VM' } as const;
const provisionWords = {
  batchmanaged: 'Batch-managed',
  usermanaged: 'Your own public IPs',
  nopublicipaddresses: 'None (no SSH from outside the VNet)',
} as const;

/** The pool's 2025-06-01 options as label/value rows for the detail's configuration list. */
export function poolOptionRows(options: PoolOptions | undefined): [string, string][] {
  if (!options) return [];
  const { security, osDisk, publicIp, upgrade, scheduling } = options;
  const uefi = security.type === 'none' ? '' : ` (secure boot ${security.secureBoot ? 'on' : 'off'}, vTPM ${security.vTpm ? 'on' : 'off'})`;
  const disk = [
    osDisk.ephemeral ? 'ephemeral on the cache disk' : 'managed',
    osDisk.sizeGB > 0 ? `${osDisk.sizeGB} GB` : 'image size',
    osDisk.storageAccountType !== 'default' ? osDisk.storageAccountType : '',
    osDisk.caching !== 'default' ? `caching ${osDisk.caching}` : '',
  ].filter(Boolean);
  const ips = `${provisionWords[publicIp.provision]}${publicIp.dualStack ? ', dual stack (IPv4 + IPv6)' : ''}${publicIp.ipAddressIds.length ? `: ${publicIp.ipAddressIds.join(', ')}` : ''}`;
  return [
    ['Autoscale', options.autoScale.enabled ? `every ${options.autoScale.intervalMinutes} min: ${options.autoScale.formula}` : 'off'],
    ['Subnet', options.subnetId || 'Batch-managed network'],
    ['Security', `${securityWords[security.type]}${uefi}${security.encryptionAtHost ? ', encryption at host' : ''}`],
    ['OS disk', disk.join(', ')],
    ['Public IP addresses', ips],
    ['Accelerated networking', options.acceleratedNetworking ? 'on' : 'off'],
    ['Node placement', options.placement === 'default' ? 'service default' : options.placement],
    ['OS upgrades', upgrade.mode === 'default' ? 'no policy' : `${upgrade.mode}${upgrade.automaticOSUpgrade ? ', automatic OS upgrades' : ''}`],
    ['Container runtime', options.container === 'none' ? 'none' : options.container],
    ['Task scheduling', `${scheduling.nodeFillType}${scheduling.jobDefaultOrder === 'creationtime' ? ', older jobs first' : ''}`],
  ];
}
