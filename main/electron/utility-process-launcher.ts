import { utilityProcess } from 'electron';
import type { EmulatorLauncher, EmulatorProcessHandle } from '../accounts/sandbox/emulator-launcher';

/**
 * Runs the sandbox emulator with Electron's utilityProcess: release builds turn the RunAsNode fuse off, so the app's
 * own binary cannot be spawned as Node, and utility processes also end with the app if it crashes.
 */
export class UtilityProcessEmulatorLauncher implements EmulatorLauncher {
  /** `script` is the built emulator (`out/emulator/cli.js`, inside app.asar when packaged). */
  constructor(private readonly script: string) {}

  launch(env: Record<string, string>): EmulatorProcessHandle {
    const child = utilityProcess.fork(this.script, [], { env, stdio: 'pipe', serviceName: 'Batch Deck sandbox' });
    let exited = false;
    child.once('exit', () => (exited = true));
    return {
      stdout: child.stdout,
      stderr: child.stderr,
      // On POSIX kill() sends SIGTERM, which the emulator handles by saving its state and exiting.
      stop: () => {
        if (!exited) child.kill();
      },
      kill: () => {
        if (!exited) child.kill();
      },
      onExit: (listener) => {
        if (exited) listener(null);
        else child.once('exit', (code: number) => listener(code));
      },
    };
  }

  describe(): string {
    return `utilityProcess ${this.script}`;
  }
}
