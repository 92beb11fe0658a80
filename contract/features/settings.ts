import { z } from 'zod';
import { invoke } from '../channel';

/** The sovereign clouds Batch Deck can sign in to. */
export const cloudSchema = z.enum(['public', 'china', 'usgov']);

/** The app's colour theme: `system` follows the OS (light, dark or forced colours / high contrast). */
export const themeChoiceSchema = z.enum(['system', 'light', 'dark', 'highContrast']);

/** One theme choice from the settings. */
export type ThemeChoice = z.infer<typeof themeChoiceSchema>;

/** Every user setting, with its default. Secrets never live here. */
export const settingsSchema = z.object({
  /** Sovereign cloud for Entra ID sign-in and ARM discovery. */
  cloud: cloudSchema.default('public'),
  /** Proxy URL for msal-node, ARM and Batch calls; empty means HTTPS_PROXY/NO_PROXY from the environment. */
  proxyUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]).default(''),
  /** Copy terminal selection to the clipboard as soon as it is made. */
  terminalCopyOnSelect: z.boolean().default(false),
  /** Ask before closing a connected SSH tab (its shell and whatever runs there end). */
  terminalConfirmClose: z.boolean().default(true),
  /** Log every new terminal session (asciicast + transcript of its output, under the data folder's recordings/). */
  terminalRecordEverySession: z.boolean().default(false),
  /** Terminal font size in pixels. */
  terminalFontSize: z.number().int().min(8).max(32).default(14),
  /** The operator's address or CIDR, remembered for the SSH NSG rule of new pools. */
  operatorSourcePrefix: z.string().max(64).default(''),
  /** The user accepted storing secrets with Electron's basic_text backend (no OS keyring). */
  allowPlainTextSecretStore: z.boolean().default(false),
  /** Colour theme; `system` follows the OS. */
  theme: themeChoiceSchema.default('system'),
});

/** The settings object with defaults filled in. */
export type Settings = z.infer<typeof settingsSchema>;

/**
 * A change to some settings. Built from the fields without their defaults: zod's `.partial()` keeps defaults, which
 * would turn `{ theme: 'dark' }` into a full object and reset every other setting to its default.
 */
export const settingsPatchSchema = z
  .object(
    Object.fromEntries(
      Object.entries(settingsSchema.shape).map(([key, field]) => [key, field.unwrap().optional()]),
    ) as { [K in keyof typeof settingsSchema.shape]: z.ZodOptional<ReturnType<(typeof settingsSchema.shape)[K]['unwrap']>> },
  )
  .strict();

/** Channels for reading and changing settings. */
export const settingsChannels = {
  /** All settings with defaults filled in. */
  'settings:get': invoke(z.object({}).strict()).returns<Settings>(),
  /** Changes some settings; unknown keys and bad values are refused whole, and fields not named stay as they are. */
  'settings:update': invoke(settingsPatchSchema).returns<Settings>(),
};
