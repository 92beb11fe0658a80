import type { BatchRequester, ListOptions } from '../batch-requester';
import type { BatchPoolNodeCounts, BatchSupportedImage } from '../models/account';

/** Account-wide lists: supported images (with end-of-life dates) and node counts per pool. */
export function accountOperations(requester: BatchRequester) {
  return {
    /** GET /supportedimages: every image and node agent SKU Batch supports. */
    listSupportedImages: (options: ListOptions = {}) => requester.listAll<BatchSupportedImage>('/supportedimages', options),
    /** GET /nodecounts: node counts per state for each pool (`maxResults` 1–10). */
    listPoolNodeCounts: (options: ListOptions = {}) => requester.listAll<BatchPoolNodeCounts>('/nodecounts', options),
  };
}
