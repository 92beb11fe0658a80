/**
 * The words for `targetLowPriorityNodes` in the UI: Microsoft moved Batch's low-priority VMs to Spot in March 2026, so
 * the app says "Spot" everywhere (the wire keeps the old name) and says what Spot costs you.
 */
export const spotCaveat = 'Spot: much cheaper, but Azure can evict a Spot node at any time when it needs the capacity; its running tasks are requeued.';
