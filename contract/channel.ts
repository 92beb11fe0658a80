import type { z } from 'zod';

/** A request/response channel: the request is validated at runtime, the result is typed. */
export interface InvokeSpec<Req extends z.ZodType = z.ZodType, Res = unknown> {
  readonly kind: 'invoke';
  readonly request: Req;
  /** Phantom field carrying the result type; never set at runtime. */
  readonly result?: Res;
}

/** An event pushed from main to the renderer. */
export interface EventSpec<Payload extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  readonly payload: Payload;
}

/** Declares an invoke channel: `invoke(schema).returns<ResultType>()`. */
export function invoke<Req extends z.ZodType>(request: Req): { returns<Res>(): InvokeSpec<Req, Res> } {
  return { returns: <Res>() => ({ kind: 'invoke', request }) as InvokeSpec<Req, Res> };
}

/** Declares an event channel with its payload schema. */
export function event<Payload extends z.ZodType>(payload: Payload): EventSpec<Payload> {
  return { kind: 'event', payload };
}
