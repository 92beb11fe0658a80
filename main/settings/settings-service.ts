import { join } from 'node:path';
import { settingsSchema, type Settings, type settingsChannels } from '../../contract/features/settings';
import type { PartialHandlers } from '../router';
import { JsonFile } from '../store/json-file';

/** Reads and updates the user's settings file (`settings.json` in the data folder). */
export class SettingsService {
  private readonly file: JsonFile<typeof settingsSchema>;
  private cached: Settings | undefined;
  private readonly listeners = new Set<(settings: Settings) => void>();

  constructor(dataDir: string) {
    this.file = new JsonFile(join(dataDir, 'settings.json'), settingsSchema, () => settingsSchema.parse({}));
  }

  /** Current settings with defaults filled in. */
  async get(): Promise<Settings> {
    this.cached ??= await this.file.read();
    return this.cached;
  }

  /** Applies a validated partial update and persists it. */
  async update(patch: Partial<Settings>): Promise<Settings> {
    const next = settingsSchema.parse({ ...(await this.get()), ...patch });
    await this.file.write(next);
    this.cached = next;
    for (const listener of this.listeners) listener(next);
    return next;
  }

  /** Calls `listener` after every saved change (e.g. the Electron host applies the theme to native UI); returns unsubscribe. */
  onChange(listener: (settings: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Contract handlers for settings. */
export function settingsHandlers(service: SettingsService): PartialHandlers<keyof typeof settingsChannels> {
  return {
    'settings:get': () => service.get(),
    'settings:update': (patch) => service.update(patch),
  };
}
