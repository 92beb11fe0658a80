import type { z } from 'zod';
import type { EventSpec, InvokeSpec } from './channel';
import { accountsChannels, accountsEvents } from './features/accounts';
import { appChannels, appEvents } from './features/app';
import { fleetChannels } from './features/fleet';
import { batchChannels, batchEvents } from './features/batch';
import { filesChannels } from './features/files';
import { pricingChannels } from './features/pricing';
import { jobsChannels } from './features/jobs';
import { tasksChannels } from './features/tasks';
import { nodeActionsChannels } from './features/node-actions';
import { operationsChannels, operationsEvents } from './features/operations';
import { provisionChannels } from './features/provision';
import { settingsChannels } from './features/settings';
import { terminalChannels, terminalEvents } from './features/terminal';
import { tunnelsChannels, tunnelsEvents } from './features/tunnels';
import { recordingChannels, recordingEvents } from './features/recording';

/** Every request/response channel of the app, by name. Hosts, preload and the client derive from this map. */
export const invokeChannels = {
  ...appChannels,
  ...settingsChannels,
  ...accountsChannels,
  ...batchChannels,
  ...provisionChannels,
  ...operationsChannels,
  ...nodeActionsChannels,
  ...terminalChannels,
  ...tunnelsChannels,
  ...recordingChannels,
  ...pricingChannels,
  ...jobsChannels,
  ...tasksChannels,
  ...fleetChannels,
  ...filesChannels,
} satisfies Record<string, InvokeSpec>;

/** Every event channel from main to the renderer, by name. */
export const eventChannels = {
  ...appEvents,
  ...accountsEvents,
  ...batchEvents,
  ...operationsEvents,
  ...terminalEvents,
  ...tunnelsEvents,
  ...recordingEvents,
} satisfies Record<string, EventSpec>;

/** Name of an invoke channel. */
export type InvokeChannel = keyof typeof invokeChannels;
/** Name of an event channel. */
export type EventChannel = keyof typeof eventChannels;

/** What the renderer passes to a channel (before defaults and coercion). */
export type RequestIn<C extends InvokeChannel> = z.input<(typeof invokeChannels)[C]['request']>;
/** What a handler receives (after validation, defaults applied). */
export type RequestOut<C extends InvokeChannel> = z.output<(typeof invokeChannels)[C]['request']>;
/** What a channel resolves to on success. */
export type ResponseOf<C extends InvokeChannel> = NonNullable<(typeof invokeChannels)[C]['result']>;
/** The payload of an event channel. */
export type EventPayload<E extends EventChannel> = z.output<(typeof eventChannels)[E]['payload']>;

/** Names of all invoke channels, for hosts that register one handler per channel. */
export const invokeChannelNames = Object.keys(invokeChannels) as InvokeChannel[];
/** Names of all event channels. */
export const eventChannelNames = Object.keys(eventChannels) as EventChannel[];

/** True when `name` is an invoke channel of the contract. */
export function isInvokeChannel(name: string): name is InvokeChannel {
  return Object.prototype.hasOwnProperty.call(invokeChannels, name);
}

/** True when `name` is an event channel of the contract. */
export function isEventChannel(name: string): name is EventChannel {
  return Object.prototype.hasOwnProperty.call(eventChannels, name);
}
