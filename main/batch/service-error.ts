import { ContractFailure } from '../../contract/result';

/** The parts of an @azure/batch (ms-rest-js RestError) error we read; 10.2.0 puts the service body in `body`. */
interface SdkErrorShape {
  code?: string;
  statusCode?: number;
  message?: unknown;
  body?: { code?: string; message?: { value?: string } | string; values?: { key?: string; value?: string }[] };
}

const unreachableCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'REQUEST_SEND_ERROR']);

/**
 * Turns anything the Batch SDK throws into a ContractFailure that keeps what the service said: its error code,
 * message value (without the RequestId/Time trailer) and `values` (e.g. the offending property).
 * In 10.2.0 `err.message` is the `{lang, value}` object, so the text comes from `err.body.message.value`.
 */
export function toBatchFailure(error: unknown, endpoint: string): ContractFailure {
  if (error instanceof ContractFailure) return error;
  const shape = (error ?? {}) as SdkErrorShape;
  const serviceCode = shape.body?.code ?? (typeof shape.code === 'string' ? shape.code : undefined);
  const rawMessage = typeof shape.body?.message === 'object' ? shape.body.message?.value : shape.body?.message;
  const serviceMessage = (rawMessage ?? textOf(shape.message)).split('\nRequestId:')[0]?.trim() ?? '';
  const values = (shape.body?.values ?? []).filter((v) => v.key).map((v) => ({ key: String(v.key), value: String(v.value ?? '') }));
  const details = { serviceCode, statusCode: shape.statusCode, values };
  if (serviceCode && unreachableCodes.has(serviceCode) && !shape.statusCode) {
    return new ContractFailure('UNREACHABLE', `Cannot reach ${endpoint} (${serviceCode}). Check the URL, your network and proxy.`, details);
  }
  if (shape.statusCode === 403 || serviceCode === 'AuthenticationFailed') {
    const detail = values.find((v) => v.key === 'AuthenticationErrorDetail')?.value;
    return new ContractFailure('AUTH_FAILED', detail ? `${serviceMessage} ${detail}` : serviceMessage || 'Authentication failed.', details);
  }
  if (shape.statusCode) {
    return new ContractFailure('BATCH_ERROR', serviceMessage || `Batch returned HTTP ${shape.statusCode}.`, details);
  }
  return new ContractFailure('UNREACHABLE', `Cannot reach ${endpoint}: ${textOf(shape.message) || 'no answer'}.`, details);
}

/** A readable string for an error message that may be an object. */
function textOf(message: unknown): string {
  if (typeof message === 'string') return message;
  if (message && typeof message === 'object' && 'value' in message) return String((message as { value: unknown }).value);
  return '';
}
