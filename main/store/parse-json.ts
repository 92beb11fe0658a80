/** JSON text (or UTF-8 bytes) as a value, or undefined when it does not parse: for bodies and stored blobs that may be anything. */
export function parseJsonOrUndefined(text: string | Buffer): unknown {
  try {
    return JSON.parse(typeof text === 'string' ? text : text.toString('utf8'));
  } catch {
    return undefined;
  }
}
