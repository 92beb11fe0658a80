import { fail } from './batch-error';
import { MAIN_API_VERSION } from './api-version';
import type { JsonObject } from '../state/model';

/** Pool properties that 2025-06-01's BatchPoolCreateOptions no longer defines (retired features). */
export const REMOVED_POOL_ADD_PROPERTIES = [
  'certificateReferences', 'applicationLicenses', 'resourceTags', 'targetNodeCommunicationMode', 'cloudServiceConfiguration',
] as const;

/** Pool properties that 2025-06-01's BatchPoolUpdateOptions / BatchPoolReplaceOptions no longer define. */
export const REMOVED_POOL_UPDATE_PROPERTIES = ['certificateReferences', 'targetNodeCommunicationMode', 'resourceTags'] as const;

/**
 * Refuses a 2025-06-01 body that still carries a removed property, as the service does: certificate references get
 * the retirement error the service answers for them, anything else OData's unknown-property 400.
 */
export function refuseRemoved(body: JsonObject, names: readonly string[], type: string): void {
  for (const name of names) {
    const value = body[name];
    if (value === undefined || value === null) continue;
    if (name === 'certificateReferences' && Array.isArray(value) && value.length > 0) throw fail.certificateRetired();
    throw fail.unknownProperty(name, type, MAIN_API_VERSION);
  }
}

/** A deep copy without `null` values (the service does not echo properties sent as null). */
export function withoutNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutNulls) as T;
  if (typeof value !== 'object' || value === null) return value;
  const result: JsonObject = {};
  for (const [key, v] of Object.entries(value)) if (v !== null) result[key] = withoutNulls(v);
  return result as T;
}
