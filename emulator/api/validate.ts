import { fail } from './batch-error';
import type { JsonObject } from '../state/model';

/** Ids of pools (and jobs, tasks): letters, digits, hyphens, underscores; 1–64 characters. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Reads a required property; MissingRequiredProperty when absent or null. */
export function required(obj: JsonObject, name: string): unknown {
  const value = obj[name];
  if (value === undefined || value === null) throw fail.missingProperty(name);
  return value;
}

/** A string property (required or optional), with an optional pattern. */
export function str(obj: JsonObject, name: string, opts: { required?: boolean; pattern?: RegExp; max?: number; reason?: string } = {}): string | undefined {
  const value = opts.required ? required(obj, name) : obj[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw fail.invalidProperty(name, 'The value must be a string.', value);
  if (opts.required && value.trim() === '') throw fail.invalidProperty(name, 'The value must not be empty.', value);
  if (opts.max !== undefined && value.length > opts.max) throw fail.invalidProperty(name, `The value must be at most ${opts.max} characters long.`, value);
  if (opts.pattern && !opts.pattern.test(value)) throw fail.invalidProperty(name, opts.reason ?? 'The value is not in the expected format.', value);
  return value;
}

/** An integer property within bounds. */
export function int(obj: JsonObject, name: string, opts: { required?: boolean; min?: number; max?: number } = {}): number | undefined {
  const value = opts.required ? required(obj, name) : obj[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw fail.invalidProperty(name, 'The value must be an integer.', value);
  if ((opts.min !== undefined && value < opts.min) || (opts.max !== undefined && value > opts.max)) {
    throw fail.invalidProperty(name, `The value must be between ${opts.min ?? '-∞'} and ${opts.max ?? '∞'}.`, value);
  }
  return value;
}

/** A boolean property. */
export function bool(obj: JsonObject, name: string): boolean | undefined {
  const value = obj[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw fail.invalidProperty(name, 'The value must be true or false.', value);
  return value;
}

/** A nested object property. */
export function obj(parent: JsonObject, name: string, opts: { required?: boolean } = {}): JsonObject | undefined {
  const value = opts.required ? required(parent, name) : parent[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw fail.invalidProperty(name, 'The value must be an object.');
  return value as JsonObject;
}

/** An array property of objects. */
export function objects(parent: JsonObject, name: string): JsonObject[] | undefined {
  const value = parent[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'object' || v === null || Array.isArray(v))) {
    throw fail.invalidProperty(name, 'The value must be an array of objects.');
  }
  return value as JsonObject[];
}

/** An enum property, compared case-insensitively and returned in the service's spelling. */
export function oneOf<T extends string>(parent: JsonObject, name: string, allowed: readonly T[], opts: { required?: boolean } = {}): T | undefined {
  const value = str(parent, name, opts);
  if (value === undefined) return undefined;
  const match = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (!match) throw fail.invalidProperty(name, `The value must be one of: ${allowed.join(', ')}.`, value);
  return match;
}

/** An ISO-8601 date-time property. */
export function dateTime(parent: JsonObject, name: string): Date | undefined {
  const value = str(parent, name);
  if (value === undefined) return undefined;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw fail.invalidProperty(name, 'The value must be an ISO 8601 date and time.', value);
  return at;
}

/** An ISO-8601 duration (PT15M, P1DT2H…) in milliseconds. */
export function duration(parent: JsonObject, name: string): number | undefined {
  const value = str(parent, name);
  if (value === undefined) return undefined;
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(value);
  if (!m || value === 'P' || value.endsWith('T')) throw fail.invalidProperty(name, 'The value must be an ISO 8601 duration such as PT15M.', value);
  const [d = '0', h = '0', min = '0', s = '0'] = m.slice(1).map((v) => v ?? '0');
  return ((Number(d) * 24 + Number(h)) * 60 + Number(min)) * 60_000 + Number(s) * 1000;
}
