import type { RequestContext } from './request-context';
import { fail } from './batch-error';

/** A route handler; it answers through the context's response. */
export type Handler = (ctx: RequestContext) => Promise<void> | void;

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

/** The result of matching a request against the routes. */
export type RouteMatch = { handler: Handler; params: Record<string, string> };

/**
 * Maps `METHOD path/:param/*rest` patterns to handlers. Path segments are compared decoded and case-insensitively
 * (the service's paths are); a trailing `*name` takes the rest of the path, so a node file path may be one
 * percent-encoded segment (`startup%2Fstdout.txt`, as the SDK sends it) or several.
 */
export class Router {
  private readonly routes: Route[] = [];

  /** Registers a handler. */
  add(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, segments: pattern.split('/').filter(Boolean), handler });
    return this;
  }

  /** Finds the handler for a request; throws the service's 404/405 when none fits. */
  match(method: string, rawPath: string): RouteMatch {
    const segments = splitPath(rawPath);
    let pathKnown = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      pathKnown = true;
      if (route.method === method) return { handler: route.handler, params };
    }
    throw pathKnown ? fail.unsupportedVerb() : fail.resourceNotFound();
  }
}

function splitPath(rawPath: string): string[] {
  return rawPath
    .split('/')
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        throw fail.resourceNotFound();
      }
    });
}

function matchSegments(pattern: string[], segments: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] as string;
    if (p.startsWith('*')) {
      if (i >= segments.length) return undefined;
      params[p.slice(1)] = segments.slice(i).join('/');
      return params;
    }
    const s = segments[i];
    if (s === undefined) return undefined;
    if (p.startsWith(':')) params[p.slice(1)] = s;
    else if (p.toLowerCase() !== s.toLowerCase()) return undefined;
  }
  return segments.length === pattern.length ? params : undefined;
}
