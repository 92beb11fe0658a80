import type { RequestContext } from '../api/request-context';
import { header } from '../api/request-context';
import { BatchApiError, fail } from '../api/batch-error';
import { verifySharedKey } from './shared-key';
import type { TrustedIssuers } from './trusted-issuers';

/** The account's credentials as the authenticator needs them. */
export interface AccountCredentials {
  accountName: string;
  accountKey: string;
  issuers: TrustedIssuers;
}

function unauthorized(detail: string): BatchApiError {
  const error = fail.authenticationFailed(detail);
  return new BatchApiError(401, error.code, error.text, error.values, {
    'WWW-Authenticate': `Bearer resource="https://batch.core.windows.net/"`,
  });
}

/**
 * Accepts a request signed with the account's SharedKey or carrying a bearer token from a trusted issuer;
 * throws the service's AuthenticationFailed otherwise (403 for a bad signature or date, 401 for a missing or
 * rejected bearer token).
 */
export async function authenticate(ctx: RequestContext, account: AccountCredentials): Promise<void> {
  const authorization = header(ctx, 'authorization');
  if (!authorization) throw unauthorized('The Authorization header is missing.');
  if (authorization.startsWith('SharedKey ')) {
    const result = verifySharedKey(
      { method: ctx.method, headers: ctx.req.headers, rawPath: ctx.rawPath, query: ctx.query },
      authorization,
      account.accountName,
      account.accountKey,
    );
    if (!result.ok) throw fail.authenticationFailed(result.detail);
    return;
  }
  if (authorization.startsWith('Bearer ')) {
    const result = await account.issuers.verify(authorization.slice(7).trim());
    if (!result.ok) throw unauthorized(result.detail);
    return;
  }
  throw fail.authenticationFailed('The Authorization header scheme is neither SharedKey nor Bearer.');
}
