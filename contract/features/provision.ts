/** Channels of the provision feature (filled in by that feature's work). */
export const provisionChannels = {};

/** Events of the provision feature pushed from main to the renderer. */
export const provisionEvents = {};
