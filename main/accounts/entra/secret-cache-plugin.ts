import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import type { SecretRedactor } from '../../log';
import type { SecretStore } from '../../store/secret-store';

/**
 * Persists msal-node's token cache in the SecretStore (encrypted; never a plain file). Every token and refresh token
 * that passes through is registered with the redactor, so no log line can carry one.
 */
export class SecretStoreCachePlugin implements ICachePlugin {
  constructor(
    private readonly secrets: SecretStore,
    private readonly secretName: string,
    private readonly redactor: SecretRedactor,
  ) {}

  /** Loads the stored cache; a damaged one (not JSON) is ignored, so the user signs in again instead of every call failing. */
  async beforeCacheAccess(context: TokenCacheContext): Promise<void> {
    const stored = await this.secrets.get(this.secretName);
    if (stored && isCacheText(stored)) {
      this.remember(stored);
      context.tokenCache.deserialize(stored);
    }
  }

  async afterCacheAccess(context: TokenCacheContext): Promise<void> {
    if (!context.cacheHasChanged) return;
    const serialized = context.tokenCache.serialize();
    this.remember(serialized);
    if (isEmptyCache(serialized)) await this.secrets.delete(this.secretName);
    else await this.secrets.set(this.secretName, serialized);
  }

  /** Registers the secrets of a serialized cache (access, id and refresh tokens) with the redactor. */
  private remember(serialized: string): void {
    for (const secret of cacheSecrets(serialized)) this.redactor.add(secret);
  }
}

type SerializedCache = Record<string, Record<string, { secret?: string }> | undefined>;

/** True when the text is a JSON object, as msal serializes its cache. */
function isCacheText(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** The token values inside a serialized msal cache. */
export function cacheSecrets(serialized: string): string[] {
  const cache = JSON.parse(serialized) as SerializedCache;
  const out: string[] = [];
  for (const section of ['AccessToken', 'RefreshToken', 'IdToken'] as const) {
    for (const entry of Object.values(cache[section] ?? {})) if (entry.secret) out.push(entry.secret);
  }
  return out;
}

/** True when a serialized cache holds no account and no token (after the last sign-out). */
export function isEmptyCache(serialized: string): boolean {
  const cache = JSON.parse(serialized) as SerializedCache;
  return ['Account', 'AccessToken', 'RefreshToken', 'IdToken'].every((section) => Object.keys(cache[section] ?? {}).length === 0);
}
