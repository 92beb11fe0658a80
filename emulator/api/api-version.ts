import type { RequestContext } from './request-context';

/** The api-version the emulator speaks as its main one: Batch's current stable data-plane version. */
export const MAIN_API_VERSION = '2025-06-01';

/**
 * Api-versions the emulator answers. `@azure/batch` 10.2.0 and Debian's `az` send 2022-10-01.16.0; requests at the
 * older versions keep the shapes they always had, and 2025-06-01 adds (and removes) what that version does.
 */
export const SUPPORTED_API_VERSIONS = new Set([
  '2021-06-01.14.0', '2022-01-01.15.0', '2022-10-01.16.0', '2023-05-01.17.0', '2023-11-01.18.0',
  '2024-02-01.19.0', '2024-07-01.20.0', MAIN_API_VERSION,
]);

/** Whether a request speaks 2025-06-01 or later (versions compare by their date part). */
export function speaks2025(ctx: Pick<RequestContext, 'apiVersion'>): boolean {
  return ctx.apiVersion.slice(0, 10) >= MAIN_API_VERSION;
}
