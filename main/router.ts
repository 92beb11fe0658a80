import { z } from 'zod';
import {
  invokeChannels,
  isInvokeChannel,
  type InvokeChannel,
  type RequestOut,
  type ResponseOf,
} from '../contract/channels';
import { ContractFailure, fail, ok, type Result } from '../contract/result';
import type { Logger } from './log';

/** Who is calling: set by the host after it checked the transport (frame URL, token, Origin). */
export interface CallContext {
  /** The host vouches that the caller is the app's own renderer. */
  trusted: boolean;
  /** Where the call came from, for logs (frame URL or web connection id); never a secret. */
  origin: string;
  /** Identifies the renderer connection, so streams can be tied to it. */
  connectionId: string;
}

/** One handler per invoke channel: gets the validated request, returns the value or throws ContractFailure. */
export type InvokeHandlers = {
  [C in InvokeChannel]: (request: RequestOut<C>, ctx: CallContext) => Promise<ResponseOf<C>> | ResponseOf<C>;
};

/** A subset of handlers, as each feature provides them. */
export type PartialHandlers<C extends InvokeChannel> = Pick<InvokeHandlers, C>;

/**
 * The one gate between transports and services: refuses untrusted senders and unknown channels, validates every
 * payload with the channel's schema, and turns thrown failures into data.
 */
export class ContractRouter {
  constructor(
    private readonly handlers: InvokeHandlers,
    private readonly log: Logger,
  ) {}

  /** Runs one call; never throws. */
  async dispatch(channel: string, payload: unknown, ctx: CallContext): Promise<Result<unknown>> {
    if (!ctx.trusted) {
      this.log.warn('contract', `refused ${describe(channel)} from untrusted sender ${ctx.origin}`);
      return fail('FORBIDDEN_SENDER', 'This caller is not the Batch Deck window; the call was refused.');
    }
    if (!isInvokeChannel(channel)) {
      this.log.warn('contract', `refused unknown channel ${describe(channel)} from ${ctx.origin}`);
      return fail('UNKNOWN_CHANNEL', `There is no channel named ${describe(channel)}.`);
    }
    const parsed = invokeChannels[channel].request.safeParse(payload);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      this.log.warn('contract', `refused ${channel}: payload failed its schema (${issues.length} issue(s))`);
      return fail('INVALID_PAYLOAD', `${channel}: ${z.prettifyError(parsed.error)}`, { issues });
    }
    try {
      const handler = this.handlers[channel] as (req: unknown, ctx: CallContext) => unknown;
      return ok(await handler(parsed.data, ctx));
    } catch (error) {
      if (error instanceof ContractFailure) return fail(error.code, error.message, error.details);
      this.log.error('contract', `${channel} failed with a bug`, error);
      return fail('INTERNAL', `Batch Deck hit a bug while handling ${channel}. It was logged; please report it.`);
    }
  }
}

/** Quotes an untrusted channel name for messages without letting it flood the log. */
function describe(channel: unknown): string {
  return typeof channel === 'string' ? JSON.stringify(channel.slice(0, 80)) : `<${typeof channel}>`;
}
