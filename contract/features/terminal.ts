/** Channels of the terminal feature (filled in by that feature's work). */
export const terminalChannels = {};

/** Events of the terminal feature pushed from main to the renderer. */
export const terminalEvents = {};
