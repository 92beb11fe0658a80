import type { SupportedImage } from '../../../contract/features/batch-models';
import { vmSizeRetirement, type RetirementWarning } from '../../../contract/features/retirement';
import { imageRetirements, nodeAgentRetirement } from '../../../contract/features/retirement-images';

/** What a pool (or a pool being drafted) is made of, as far as retirements go. */
export interface PoolMakeup {
  vmSize?: string;
  nodeAgentSkuId?: string;
  /** The supported-images entry of the pool's image, when known (carries its batchSupportEndOfLife). */
  image?: Pick<SupportedImage, 'nodeAgentSkuId' | 'endOfLife'>;
}

/** Every retirement that touches a pool: its VM size's family, its image's end of life, its node agent's OS. */
export function poolRetirements(pool: PoolMakeup, now: number): RetirementWarning[] {
  const warnings: RetirementWarning[] = [];
  const size = pool.vmSize ? vmSizeRetirement(pool.vmSize, now) : undefined;
  if (size) warnings.push(size);
  if (pool.image) warnings.push(...imageRetirements(pool.image, now));
  else {
    const agent = nodeAgentRetirement(pool.nodeAgentSkuId, now);
    if (agent) warnings.push(agent);
  }
  return warnings;
}
