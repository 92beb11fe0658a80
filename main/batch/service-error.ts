import { ContractFailure } from '../../contract/result';
import { isAbort, networkCodeOf, tlsCodeOf } from './network-failure';

/** The parts of a failed Batch call we read (main/batch/rest's BatchServiceError keeps the service's body in `body`). */
interface BatchErrorShape {
  code?: string;
  statusCode?: number;
  message?: unknown;
  body?: { code?: string; message?: { value?: string } | string; values?: { key?: string; value?: string }[] };
}

/**
 * True when `error` is something Batch or the network did (an HTTP status, a network or TLS failure, a cancel);
 * false for a bug (a TypeError, a thrown string), which must reach the router as-is to be logged as INTERNAL.
 */
export function isServiceOrNetworkFailure(error: unknown): boolean {
  if (error instanceof ContractFailure || isAbort(error)) return true;
  const status = (error as BatchErrorShape | undefined)?.statusCode;
  return typeof status === 'number' || networkCodeOf(error) !== undefined || tlsCodeOf(error) !== undefined;
}

/**
 * Turns anything a Batch call throws into a ContractFailure that keeps what the service said: its error code,
 * message value (without the RequestId/Time trailer) and `values` (e.g. the offending property).
 * The text comes from `err.body.message.value` (Batch sends the message as `{lang, value}`).
 * Only real network failures become UNREACHABLE; an error that is neither an answer nor a network failure is a bug
 * and becomes INTERNAL (callers that can rethrow should, see {@link isServiceOrNetworkFailure}, so it is logged).
 */
export function toBatchFailure(error: unknown, endpoint: string): ContractFailure {
  if (error instanceof ContractFailure) return error;
  const shape = (error ?? {}) as BatchErrorShape;
  const serviceCode = shape.body?.code ?? (typeof shape.code === 'string' ? shape.code : undefined);
  const rawMessage = typeof shape.body?.message === 'object' ? shape.body.message?.value : shape.body?.message;
  const serviceMessage = (rawMessage ?? textOf(shape.message)).split('\nRequestId:')[0]?.trim() ?? '';
  const values = (shape.body?.values ?? []).filter((v) => v.key).map((v) => ({ key: String(v.key), value: String(v.value ?? '') }));
  const details = { serviceCode, statusCode: shape.statusCode, values };
  if (isAbort(error)) return new ContractFailure('CANCELLED', `The request to ${endpoint} was cancelled.`);
  const networkCode = shape.statusCode ? undefined : networkCodeOf(error);
  if (networkCode) {
    return new ContractFailure('UNREACHABLE', `Cannot reach ${endpoint} (${networkCode}). Check the URL, your network and proxy.`, { ...details, networkCode });
  }
  const tlsCode = shape.statusCode ? undefined : tlsCodeOf(error);
  if (tlsCode) {
    return new ContractFailure('UNREACHABLE', `${endpoint} presented a certificate that is not trusted (${tlsCode}). Check the URL and your TLS proxy's certificate.`, { ...details, tlsCode });
  }
  if (shape.statusCode === 403 || serviceCode === 'AuthenticationFailed') {
    const detail = values.find((v) => v.key === 'AuthenticationErrorDetail')?.value;
    return new ContractFailure('AUTH_FAILED', detail ? `${serviceMessage} ${detail}` : serviceMessage || 'Authentication failed.', details);
  }
  if (shape.statusCode) {
    return new ContractFailure('BATCH_ERROR', serviceMessage || `Batch returned HTTP ${shape.statusCode}.`, details);
  }
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new ContractFailure('INTERNAL', `Batch Deck hit a bug while calling ${endpoint} (${what}). Please report it.`);
}

/** A readable string for an error message that may be an object. */
function textOf(message: unknown): string {
  if (typeof message === 'string') return message;
  if (message && typeof message === 'object' && 'value' in message) return String((message as { value: unknown }).value);
  return '';
}
