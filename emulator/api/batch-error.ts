/** One `values` entry of a Batch error body. */
export interface ErrorDetail {
  key: string;
  value: string;
}

/** A failure the REST layer answers with a Batch error body (`code`, `message{lang,value}`, `values`). */
export class BatchApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: string,
    readonly values: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(`${code}: ${text}`);
  }
}

function detail(key: string, value: string): ErrorDetail {
  return { key, value };
}

/** The errors the service answers with, worded as the Batch status and error codes reference words them. */
export const fail = {
  poolNotFound: () => new BatchApiError(404, 'PoolNotFound', 'The specified pool does not exist.'),
  poolExists: () => new BatchApiError(409, 'PoolExists', 'The specified pool already exists.'),
  poolBeingDeleted: () =>
    new BatchApiError(409, 'PoolBeingDeleted', 'The specified pool has been marked for deletion and is being reclaimed.'),
  poolBeingResized: () => new BatchApiError(409, 'PoolBeingResized', 'The specified pool is being resized'),
  nodeNotFound: () => new BatchApiError(404, 'NodeNotFound', 'The specified node does not exist.'),
  nodeUserNotFound: () => new BatchApiError(404, 'NodeUserNotFound', 'The specified node user does not exist.'),
  nodeUserExists: () => new BatchApiError(409, 'NodeUserExists', 'The specified node user already exists.'),
  jobNotFound: () => new BatchApiError(404, 'JobNotFound', 'The specified job does not exist.'),
  jobExists: () => new BatchApiError(409, 'JobExists', 'The specified job already exists.'),
  jobCompleted: () => new BatchApiError(409, 'JobCompleted', 'The specified job is already in a completed state.'),
  jobBeingDeleted: () => new BatchApiError(409, 'JobBeingDeleted', 'The specified job has been marked for deletion and is being garbage collected.'),
  jobBeingTerminated: () => new BatchApiError(409, 'JobBeingTerminated', 'The specified job is in the process of being terminated.'),
  taskNotFound: () => new BatchApiError(404, 'TaskNotFound', 'The specified task does not exist.'),
  taskExists: () => new BatchApiError(409, 'TaskExists', 'The specified task already exists.'),
  /** An addtaskcollection body with more tasks than one request may carry. */
  tooManyTasks: (max: number, sent: number) =>
    new BatchApiError(400, 'RequestBodyTooLarge', 'The request body is too large and exceeds the maximum permissible limit.', [
      detail('Reason', `A task collection may hold at most ${max} tasks; this one holds ${sent}. Send them in several requests.`),
    ]),
  applicationNotFound: () => new BatchApiError(404, 'ApplicationNotFound', 'The specified application does not exist.'),
  fileNotFound: () => new BatchApiError(404, 'FileNotFound', 'The specified file does not exist.'),
  nodeStateUnusable: () => new BatchApiError(409, 'NodeStateUnusable', 'The state of the specified node is unusable'),
  invalidForState: (reason: string) =>
    new BatchApiError(409, 'OperationInvalidForCurrentState', 'The specified operation is not valid for the current state of the resource.', [
      detail('Reason', reason),
    ]),
  nodeBusy: (code: 'NodeBeingCreated' | 'NodeBeingStarted' | 'NodeBeingRebooted' | 'NodeBeingReimaged') =>
    new BatchApiError(409, code, `The specified node is being ${code.slice(9).toLowerCase()}`),
  invalidProperty: (name: string, reason: string, value?: unknown) => {
    const values = [detail('PropertyName', name)];
    if (value !== undefined && (typeof value !== 'object' || value === null)) values.push(detail('PropertyValue', String(value)));
    values.push(detail('Reason', reason));
    return new BatchApiError(400, 'InvalidPropertyValue', 'The value provided for one of the properties in the request body is invalid.', values);
  },
  /** A property the request's api-version does not define (OData's wording for an unknown property). */
  unknownProperty: (name: string, type: string, apiVersion: string) =>
    new BatchApiError(400, 'InvalidRequestBody', 'The specified Request Body is not syntactically valid.', [
      detail('PropertyName', name),
      detail('Reason', `The property '${name}' does not exist on type '${type}' at api-version ${apiVersion}. Make sure to only use property names that are defined by the type.`),
    ]),
  /** Certificate references since the feature's retirement (the service's own code and wording). */
  certificateRetired: () =>
    new BatchApiError(400, 'CertificateRetired', "The 'Azure Batch Certificates' feature was retired on 02/29/2024.", [
      detail('Reason', "The operation is blocked because the 'Azure Batch Certificates' feature was retired on 02/29/2024. For Certificate APIs, they are no longer supported. For Pool, Job, and Job Schedule APIs, the target resource should no longer contain certificate references, please either remove the certificate references or delete the resource."),
    ]),
  missingProperty: (name: string) =>
    new BatchApiError(400, 'MissingRequiredProperty', 'A required property was not specified in the request body.', [detail('PropertyName', name)]),
  invalidBody: (reason: string) =>
    new BatchApiError(400, 'InvalidRequestBody', 'The specified Request Body is not syntactically valid.', [detail('Reason', reason)]),
  invalidQuery: (name: string, value: string, reason: string) =>
    new BatchApiError(400, 'InvalidQueryParameterValue', 'Value for one of the query parameters specified in the request URI is invalid.', [
      detail('QueryParameterName', name),
      detail('QueryParameterValue', value),
      detail('Reason', reason),
    ]),
  missingQuery: (name: string) =>
    new BatchApiError(400, 'MissingRequiredQueryParameter', 'A required query parameter was not specified for this request.', [
      detail('QueryParameterName', name),
    ]),
  invalidHeader: (name: string, value: string) =>
    new BatchApiError(400, 'InvalidHeaderValue', 'The value provided for one of the HTTP headers was not in the correct format.', [
      detail('HeaderName', name),
      detail('HeaderValue', value),
    ]),
  resourceNotFound: () => new BatchApiError(404, 'ResourceNotFound', 'The specified resource does not exist.'),
  unsupportedVerb: () => new BatchApiError(405, 'UnsupportedHttpVerb', "The resource doesn't support the specified HTTP verb."),
  authenticationFailed: (why: string) =>
    new BatchApiError(
      403,
      'AuthenticationFailed',
      'Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.',
      [detail('AuthenticationErrorDetail', why)],
    ),
  conditionNotMet: (status: 304 | 412) =>
    new BatchApiError(status, 'ConditionNotMet', `The condition specified in the conditional header(s) was not met for a ${status === 304 ? 'read' : 'write'} operation.`),
  invalidRange: () => new BatchApiError(416, 'InvalidRange', 'The range specified is invalid for the current size of the resource.'),
  bodyTooLarge: () => new BatchApiError(413, 'RequestBodyTooLarge', 'The size of the request body exceeds the maximum size permitted.'),
  tooManyRequests: (retryAfterSeconds: number) =>
    new BatchApiError(429, 'TooManyRequests', 'The server is currently unable to receive requests. Please retry your request.', [], {
      'Retry-After': String(retryAfterSeconds),
    }),
  serverBusy: (retryAfterSeconds: number) =>
    new BatchApiError(503, 'ServerBusy', 'The server is currently unable to receive requests. Please retry your request.', [], {
      'Retry-After': String(retryAfterSeconds),
    }),
  internalError: () => new BatchApiError(500, 'InternalError', 'The server encountered an internal error. Please retry the request.'),
};
