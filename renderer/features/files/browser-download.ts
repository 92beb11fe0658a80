import type { BrowserDownloadStarted } from '../../../contract/features/files';
import type { ErrorCode } from '../../../contract/errors';
import { saveHref } from '../../components/save-file';
import { call, ContractCallError } from '../../ipc/client';

/** How often the page asks whether main finished fetching the file (the transfer list shows the progress meanwhile). */
const pollMs = 300;

/**
 * Web host: waits until main fetched the file (its operation ended), then lets the browser save it from the
 * single-use `/download/<id>` address (an anchor with `download`: the browser's own save flow, no page navigation).
 * A failed or cancelled fetch rejects with the file's error, which the transfer list shows too.
 */
export async function saveThroughBrowser(started: BrowserDownloadStarted): Promise<void> {
  for (;;) {
    const progress = await call('operations:get', { operationId: started.operationId });
    if (progress.state !== 'running') {
      const item = progress.items[0];
      if (item?.status !== 'succeeded') {
        const error = item?.error ?? progress.error ?? { code: 'CANCELLED', message: 'The download was cancelled.' };
        throw new ContractCallError('operations:get', { code: error.code as ErrorCode, message: error.message });
      }
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  saveHref(started.href);
}
