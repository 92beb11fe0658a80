import type { AccountView } from '../../contract/features/accounts';
import type { PriceRegionSource } from '../../contract/features/pricing';

/** The region the Local sandbox pretends to be in for prices, unless BATCH_DECK_SANDBOX_REGION names another. */
export const defaultSandboxRegion = 'westeurope';

/** An account's Azure region as the Retail Prices API names it (`armRegionName`: lower case, no spaces). */
export type AccountRegion = { region: string; from: PriceRegionSource } | { region?: undefined; why: string };

/** Batch account URLs in Azure's clouds: https://NAME.REGION.batch.azure.com (and the China / US Gov suffixes). */
const endpointPattern = /^[^.]+\.([a-z0-9]+)\.batch\.(?:azure\.com|chinacloudapi\.cn|usgovcloudapi\.net)$/i;

/** ARM locations are already `westeurope`; display names such as "West Europe" are folded to the same. */
function armRegionName(location: string): string | undefined {
  const folded = location.toLowerCase().replace(/\s+/g, '');
  return /^[a-z0-9]+$/.test(folded) ? folded : undefined;
}

/**
 * Where an account's nodes run: an Entra ID account's ARM location, a shared-key account's region from its endpoint
 * host, or the sandbox's pretend region.
 */
export function regionOfAccount(account: Pick<AccountView, 'kind' | 'endpoint' | 'location' | 'name'>, sandboxRegion: string): AccountRegion {
  if (account.kind === 'sandbox') return { region: sandboxRegion, from: 'sandbox' };
  const fromLocation = account.location ? armRegionName(account.location) : undefined;
  if (fromLocation) return { region: fromLocation, from: 'account location' };
  let host = '';
  try {
    host = new URL(account.endpoint).hostname;
  } catch {
    // Not a URL: no region.
  }
  const match = endpointPattern.exec(host);
  if (match?.[1]) return { region: match[1].toLowerCase(), from: 'endpoint' };
  return { why: `the account ${account.name}'s URL (${account.endpoint}) does not name an Azure region (https://NAME.REGION.batch.azure.com)` };
}
