/**
 * Reading a request target without trusting it. A browser page can make the host receive any bytes as a target
 * (`<img src="http://127.0.0.1:PORT//[">`), so nothing here throws: a target that is not a well-formed origin-form
 * path gives undefined, and the caller answers 400.
 */

/** RFC 3986 origin-form: `/segment/…` of unreserved, sub-delims, `:`, `@` and `%XX`, then an optional `?query`. */
const originForm = /^(?:\/(?:[\w\-.~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})*)+(?:\?(?:[\w\-.~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?$/;

/**
 * The decoded path of a request target, or undefined when the target is malformed: not origin-form (absolute-form
 * such as `http://[` and `*` included; browsers send those only to proxies), starting with `//` (which URL parsers
 * read as a host), holding characters a URL may not carry raw, or percent-escapes that do not decode to UTF-8
 * (`/%E0%A4%A`, the overlong `/%c0%ae`) or decode to a NUL.
 */
export function requestPath(target: string | undefined): string | undefined {
  if (!target || target.startsWith('//') || !originForm.test(target)) return undefined;
  const query = target.indexOf('?');
  const encoded = query === -1 ? target : target.slice(0, query);
  let path: string;
  try {
    path = decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
  return path.includes('\0') ? undefined : path;
}
