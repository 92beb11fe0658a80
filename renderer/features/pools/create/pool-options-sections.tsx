import { Divider } from '@fluentui/react-components';
import { AutoscaleAndSubnetFields } from './autoscale-fields';
import { DiskSection } from './disk-section';
import type { FormSectionProps } from './form-section';
import { PublicIpSection } from './public-ip-section';
import { SchedulingSection } from './scheduling-section';
import { SecuritySection } from './security-section';

/** The 2025-06-01 pool options, one section each (inserted after SSH access, which the public IP choice affects). */
export function PoolOptionsSections(props: FormSectionProps) {
  return (
    <>
      <PublicIpSection {...props} />
      <Divider />
      <SecuritySection {...props} />
      <Divider />
      <DiskSection {...props} />
      <Divider />
      <SchedulingSection {...props} />
      <Divider />
      <AutoscaleAndSubnetFields {...props} />
    </>
  );
}
