import type { AppInfo } from '../../contract/features/app';
import type { PartialHandlers } from '../router';
import { damagedFiles, type DamagedFiles } from '../store/damaged-files';

/** Contract handlers for facts about the running app. */
export function appHandlers(info: AppInfo, damaged: DamagedFiles = damagedFiles): PartialHandlers<'app:info' | 'app:damagedFiles'> {
  return { 'app:info': () => info, 'app:damagedFiles': () => damaged.takeUnshown() };
}
