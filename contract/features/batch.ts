/** Channels of the batch feature (filled in by that feature's work). */
export const batchChannels = {};

/** Events of the batch feature pushed from main to the renderer. */
export const batchEvents = {};
