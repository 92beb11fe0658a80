import type { AppInfo } from '../../contract/features/app';
import type { PartialHandlers } from '../router';

/** Contract handlers for facts about the running app. */
export function appHandlers(info: AppInfo): PartialHandlers<'app:info'> {
  return { 'app:info': () => info };
}
