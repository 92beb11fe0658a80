import { AuthError, InteractionRequiredAuthError, ServerError } from '@azure/msal-node';
import { ContractFailure } from '../../../contract/result';
import { networkCodeOf, tlsCodeOf } from '../../batch/network-failure';
import type { NetworkFailure } from './msal-network';

/** msal error codes that mean "the network failed", not "you were refused". */
const networkCodes = new Set(['network_error', 'endpoints_resolution_error', 'untrusted_authority', 'openid_config_error']);

/**
 * Turns an msal-node error into what the user should read: sign in again (interaction required, no tokens),
 * cannot reach the sign-in service (network, TLS, proxy), or the service's own refusal (its error code and text).
 * Anything else is a bug in Batch Deck: INTERNAL (a caller that can rethrow the original should, so it is logged).
 */
export function toSignInFailure(error: unknown, what: string, context: { authorityHost?: string; networkFailure?: NetworkFailure } = {}): ContractFailure {
  if (error instanceof ContractFailure) return error;
  if (error instanceof InteractionRequiredAuthError || (error instanceof AuthError && error.errorCode === 'no_tokens_found')) {
    return new ContractFailure('SIGN_IN_REQUIRED', `${what}: your sign-in has expired or was revoked. Sign in again.`, { msalCode: error.errorCode });
  }
  if (error instanceof ServerError) {
    // msal formats the service's answer as "Error(s): … - Description: AADSTS…: text - Correlation ID: …".
    const text = /Description: (.*?) - Correlation ID/s.exec(error.errorMessage)?.[1] ?? (firstLine(error.errorMessage) || error.errorCode);
    return new ContractFailure('AUTH_FAILED', `${what}: Microsoft Entra ID refused: ${error.errorCode}: ${text}`, { msalCode: error.errorCode });
  }
  if (error instanceof AuthError && networkCodes.has(error.errorCode)) {
    // msal calls anything our network module threw a network_error; a bug in it is still a bug.
    if (context.networkFailure?.bug !== undefined) return toSignInFailure(context.networkFailure.bug, what);
    const where = context.authorityHost ? ` at ${context.authorityHost}` : '';
    const why = context.networkFailure ? ` (${context.networkFailure.text})` : '';
    return new ContractFailure('UNREACHABLE', `${what}: cannot reach the sign-in service${where}${why}. Check your network, the proxy setting and the cloud setting.`, { msalCode: error.errorCode });
  }
  if (error instanceof AuthError) {
    return new ContractFailure('AUTH_FAILED', `${what}: ${error.errorCode}: ${firstLine(error.errorMessage)}`, { msalCode: error.errorCode });
  }
  const message = error instanceof Error ? error.message : String(error);
  const errno = networkCodeOf(error) ?? tlsCodeOf(error) ?? ((error as { code?: unknown })?.code === 'EPROXY' ? 'EPROXY' : undefined);
  if (errno) return new ContractFailure('UNREACHABLE', `${what}: cannot reach the sign-in service (${errno}): ${message}`);
  const name = error instanceof Error ? error.name : typeof error;
  return new ContractFailure('INTERNAL', `${what}: Batch Deck hit a bug (${name}: ${message}). Please report it.`);
}

/** Entra ID messages end with trace and correlation ids on further lines; the first line is the explanation. */
function firstLine(text: string | undefined): string {
  return (text ?? '').split(/\r?\n/)[0]?.trim() ?? '';
}
