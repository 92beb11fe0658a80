import * as headless from '@xterm/headless';

/**
 * @xterm/headless's Terminal class, however the module was loaded. The package is CommonJS flagged `__esModule`, so
 * Node's ESM loader (vitest, tsx) exposes it only as `default.Terminal`, while esbuild's CommonJS bundle (out/main)
 * exposes `Terminal` directly and no default.
 */
export const HeadlessTerminal: typeof headless.Terminal =
  (headless as { Terminal?: typeof headless.Terminal }).Terminal ??
  (headless as unknown as { default: { Terminal: typeof headless.Terminal } }).default.Terminal;

/** An instance of {@link HeadlessTerminal}. */
export type HeadlessTerminal = headless.Terminal;
