import { z } from 'zod';
import { event, invoke } from '../channel';

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

/** A data file found damaged this run: moved aside as `keptAs`, the app went on with defaults; shown to the user once. */
export const damagedFileSchema = z.object({ name: z.string(), path: z.string(), keptAs: z.string(), reason: z.string(), at: z.string() });
/** One of {@link damagedFileSchema}. */
export type DamagedFileView = z.infer<typeof damagedFileSchema>;

/** Channels about the app itself. */
export const appChannels = {
  /** Version, host and platform for the status bar. */
  'app:info': invoke(z.object({}).strict()).returns<AppInfo>(),
  /** Data files found damaged and set aside that no window has shown yet (each is returned once). */
  'app:damagedFiles': invoke(z.object({}).strict()).returns<DamagedFileView[]>(),
};

/** Events about the app itself. */
export const appEvents = {
  /** A data file was found damaged and set aside while windows are open. */
  'app:fileDamaged': event(damagedFileSchema),
};
