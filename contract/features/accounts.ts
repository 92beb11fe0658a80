/** Channels of the accounts feature (filled in by that feature's work). */
export const accountsChannels = {};

/** Events of the accounts feature pushed from main to the renderer. */
export const accountsEvents = {};
