import { z } from 'zod';
import { invoke } from '../channel';

/** Which host carries the contract: the Electron app or the loopback web host. */
export const hostKindSchema = z.enum(['electron', 'web']);

/** What the status bar shows about the running app. */
export interface AppInfo {
  name: string;
  version: string;
  host: z.infer<typeof hostKindSchema>;
  platform: string;
  nodeVersion: string;
  electronVersion?: string;
  /** Where the app keeps its data (accounts, trust store, caches). */
  dataDir: string;
}

/** A data file found damaged this run: moved aside as `keptAs`, the app started with defaults; shown to the user once. */
export interface DamagedFileView {
  name: string;
  path: string;
  keptAs: string;
  reason: string;
  at: string;
}

/** Channels about the app itself. */
export const appChannels = {
  /** Version, host and platform for the status bar. */
  'app:info': invoke(z.object({}).strict()).returns<AppInfo>(),
  /** Data files found damaged and set aside since the app started (settings, accounts, trust store, …). */
  'app:damagedFiles': invoke(z.object({}).strict()).returns<DamagedFileView[]>(),
};
