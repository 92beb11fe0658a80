import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { bearerTokenAuthenticationPolicy, type PipelinePolicy } from '@azure/core-rest-pipeline';
import { isLoopbackHost } from '../../net/proxy-config';

/** The scope of a Batch data-plane token (the double slash is the resource URI's own trailing slash). */
export const batchTokenScope = 'https://batch.core.windows.net//.default';

/** How long an access token whose expiry cannot be read is trusted before it is asked for again. */
const unknownExpiryMs = 5 * 60_000;

/** The `exp` claim of a JWT in milliseconds, or undefined when the token is not a readable JWT (no verification: only for caching). */
export function jwtExpiryMs(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A TokenCredential over the app's token source (msal-node's silent refresh behind `getToken`), so the pipeline's
 * bearer policy can cache the token until shortly before its `exp` and ask again.
 */
export function tokenCredentialFrom(getToken: () => Promise<string>, now: () => number = Date.now): TokenCredential {
  return {
    async getToken(): Promise<AccessToken> {
      const token = await getToken();
      return { token, expiresOnTimestamp: jwtExpiryMs(token) ?? now() + unknownExpiryMs };
    },
  };
}

/**
 * The pipeline's bearer-token policy for the Batch scope. That policy refuses plain-HTTP URLs; the local emulator
 * (loopback only) speaks plain HTTP, so for a loopback `http:` URL the policy is shown the `https:` form while it
 * authorizes, and the request leaves with its real URL. Any other plain-HTTP URL is still refused.
 */
export function batchBearerPolicy(credential: TokenCredential): PipelinePolicy {
  const bearer = bearerTokenAuthenticationPolicy({ credential, scopes: batchTokenScope });
  return {
    name: bearer.name,
    sendRequest(request, next) {
      const url = new URL(request.url);
      if (url.protocol !== 'http:' || !isLoopbackHost(url.hostname.replace(/^\[|\]$/g, ''))) return bearer.sendRequest(request, next);
      const real = request.url;
      request.url = `https:${real.slice('http:'.length)}`;
      return bearer.sendRequest(request, (authorized) => {
        authorized.url = real;
        return next(authorized);
      });
    },
  };
}
