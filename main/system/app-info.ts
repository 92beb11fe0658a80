import type { AppInfo, appChannels } from '../../contract/features/app';
import type { PartialHandlers } from '../router';
import { damagedFiles, type DamagedFiles } from '../store/damaged-files';

/** Contract handlers for facts about the running app. */
export function appHandlers(info: AppInfo, damaged: DamagedFiles = damagedFiles): PartialHandlers<keyof typeof appChannels> {
  return { 'app:info': () => info, 'app:damagedFiles': () => damaged.takeUnshown() };
}
