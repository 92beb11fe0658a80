import type { Open } from './common';

/** NetworkSecurityGroupRule on an inbound NAT pool. */
export interface NetworkSecurityGroupRule {
  priority: number;
  access: Open<'allow' | 'deny'>;
  sourceAddressPrefix: string;
  sourcePortRanges?: string[];
}

/** BatchInboundNatPool: maps a frontend port range to a backend port on every node (at most 5 per pool). */
export interface BatchInboundNatPool {
  name: string;
  protocol: Open<'tcp' | 'udp'>;
  backendPort: number;
  frontendPortRangeStart: number;
  frontendPortRangeEnd: number;
  networkSecurityGroupRules?: NetworkSecurityGroupRule[];
}

/** IpAddressProvisioningType: `nopublicipaddresses` leaves nodes without any endpoint reachable from outside the VNet. */
export type IpAddressProvisioningType = Open<'batchmanaged' | 'usermanaged' | 'nopublicipaddresses'>;

/** BatchPublicIpAddressConfiguration. */
export interface BatchPublicIpAddressConfiguration {
  provision?: IpAddressProvisioningType;
  /** User-managed public IP resource ids (`usermanaged` only). */
  ipAddressIds?: string[];
  /** `['IPv4', 'IPv6']` for a dual-stack pool. */
  ipFamilies?: Open<'IPv4' | 'IPv6'>[];
  ipTags?: { ipTagType?: string; tag?: string }[];
}

/** NetworkConfiguration of a pool. */
export interface NetworkConfiguration {
  subnetId?: string;
  dynamicVNetAssignmentScope?: Open<'none' | 'job'>;
  endpointConfiguration?: { inboundNATPools: BatchInboundNatPool[] };
  publicIPAddressConfiguration?: BatchPublicIpAddressConfiguration;
  enableAcceleratedNetworking?: boolean;
}
