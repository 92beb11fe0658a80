import { z } from 'zod';
import { invoke } from '../channel';

/** The sovereign clouds Batch Deck can sign in to. */
export const cloudSchema = z.enum(['public', 'china', 'usgov']);

/** Every user setting, with its default. Secrets never live here. */
export const settingsSchema = z.object({
  /** Sovereign cloud for Entra ID sign-in and ARM discovery. */
  cloud: cloudSchema.default('public'),
  /** Proxy URL for msal-node, ARM and Batch calls; empty means HTTPS_PROXY/NO_PROXY from the environment. */
  proxyUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]).default(''),
  /** Copy terminal selection to the clipboard as soon as it is made. */
  terminalCopyOnSelect: z.boolean().default(false),
  /** Terminal font size in pixels. */
  terminalFontSize: z.number().int().min(8).max(32).default(14),
  /** The operator's address or CIDR, remembered for the SSH NSG rule of new pools. */
  operatorSourcePrefix: z.string().max(64).default(''),
  /** The user accepted storing secrets with Electron's basic_text backend (no OS keyring). */
  allowPlainTextSecretStore: z.boolean().default(false),
});

/** The settings object with defaults filled in. */
export type Settings = z.infer<typeof settingsSchema>;

/** Channels for reading and changing settings. */
export const settingsChannels = {
  /** All settings with defaults filled in. */
  'settings:get': invoke(z.object({}).strict()).returns<Settings>(),
  /** Changes some settings; unknown keys and bad values are refused whole. */
  'settings:update': invoke(settingsSchema.partial().strict()).returns<Settings>(),
};
