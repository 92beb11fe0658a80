import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { priceVmSizeSchema } from '../../../contract/features/pricing';
import { canonicalVmSizeName, parseVmSize } from '../../../contract/features/vm-size-name';
import { call } from '../../ipc/client';

/** `value`, once it has not changed for `ms` (so typing a VM size does not look up every prefix). */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * The price estimate of a VM size in the account's region. Looked up once the size has settled and looks like a size
 * name; main caches it for a day, so the renderer keeps it for an hour. Failures stay with the estimate.
 */
export function useVmPrice(accountId: string, vmSize: string) {
  const size = useSettled(vmSize.trim(), 400);
  const valid = priceVmSizeSchema.safeParse(size).success && parseVmSize(size) !== undefined;
  const query = useQuery({
    queryKey: ['prices:vm', accountId, canonicalVmSizeName(size)],
    queryFn: () => call('prices:vm', { accountId, vmSize: size }),
    enabled: valid,
    staleTime: 60 * 60 * 1000,
    retry: false,
    meta: { silent: true },
  });
  return { ...query, settling: size !== vmSize.trim(), valid };
}
