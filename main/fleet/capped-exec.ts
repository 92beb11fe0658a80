import type { Client, ClientChannel } from 'ssh2';
import type { FleetEnd } from '../../contract/features/fleet';
import { SshConnectFailure } from '../ssh/ssh-failure';

/** What one node answered: output up to the cap (bytes past it are counted), and how the command ended. */
export interface ExecAnswer {
  stdout: string;
  stderr: string;
  stdoutDropped: number;
  stderrDropped: number;
  end: FleetEnd;
}

/** How {@link execCapped} runs one command. */
export interface ExecOptions {
  /** Bytes kept per stream. */
  capBytes: number;
  /** Time left for this node; when it runs out the command is sent KILL and its channel closed. */
  timeoutMs: number;
  /** Aborting closes the channel and rejects with CANCELLED. */
  signal: AbortSignal;
}

/** Keeps the first `cap` bytes of a stream and counts the rest. */
export class CappedBuffer {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  /** Bytes past the cap. */
  dropped = 0;

  constructor(private readonly cap: number) {}

  /** Adds a chunk; whatever does not fit is counted, not kept. */
  push(chunk: Buffer): void {
    const room = this.cap - this.kept;
    if (room >= chunk.length) {
      this.chunks.push(chunk);
      this.kept += chunk.length;
      return;
    }
    if (room > 0) this.chunks.push(chunk.subarray(0, room));
    this.kept += Math.max(0, room);
    this.dropped += chunk.length - Math.max(0, room);
  }

  /** The kept bytes as UTF-8; a character cut by the cap is dropped rather than shown as garbage. */
  text(): string {
    let bytes = Buffer.concat(this.chunks);
    if (this.dropped > 0) bytes = bytes.subarray(0, wholeUtf8Length(bytes));
    return bytes.toString('utf8');
  }
}

/** The length of `bytes` without a trailing, incomplete UTF-8 sequence. */
function wholeUtf8Length(bytes: Buffer): number {
  let start = bytes.length - 1;
  while (start >= 0 && start > bytes.length - 4 && ((bytes[start] as number) & 0xc0) === 0x80) start--;
  if (start < 0) return bytes.length;
  const lead = bytes[start] as number;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return bytes.length - start >= need ? bytes.length : start;
}

/**
 * Runs a non-interactive command (ssh2 exec, no pty) on an open connection and collects its answer. The connection
 * is shared, so only the channel is closed on timeout or cancel, never the connection.
 */
export function execCapped(client: Client, command: string, options: ExecOptions): Promise<ExecAnswer> {
  const stdout = new CappedBuffer(options.capBytes);
  const stderr = new CappedBuffer(options.capBytes);
  return new Promise<ExecAnswer>((resolve, reject) => {
    let channel: ClientChannel | undefined;
    let end: FleetEnd | undefined;
    let settled = false;
    const started = Date.now();
    const finish = (outcome: { end: FleetEnd } | { error: Error }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      if ('error' in outcome) return reject(outcome.error);
      resolve({ stdout: stdout.text(), stderr: stderr.text(), stdoutDropped: stdout.dropped, stderrDropped: stderr.dropped, end: outcome.end });
    };
    const stop = (): void => {
      if (!channel) return;
      // OpenSSH ≥ 7.9 delivers the signal; older servers ignore it and closing the channel hangs the command up.
      channel.signal('KILL');
      channel.close();
    };
    const timer = setTimeout(() => {
      stop();
      finish({ end: { kind: 'timeout', afterMs: Date.now() - started } });
    }, Math.max(1, options.timeoutMs));
    const onAbort = (): void => {
      stop();
      finish({ error: new SshConnectFailure('CANCELLED', 'The command was cancelled.', false) });
    };
    if (options.signal.aborted) return onAbort();
    options.signal.addEventListener('abort', onAbort, { once: true });
    client.exec(command, (error, opened) => {
      if (error) return finish({ error: new SshConnectFailure('SSH_ERROR', `The node refused the command: ${error.message}`, true) });
      channel = opened;
      if (settled) return stop();
      opened.on('data', (chunk: Buffer) => stdout.push(chunk));
      opened.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
      opened.on('exit', (code: number | null, signal?: string) => {
        end = code !== null && code !== undefined ? { kind: 'exit', code } : { kind: 'signal', signal: signal ?? 'unknown' };
      });
      opened.on('close', () => finish({ end: end ?? { kind: 'signal', signal: 'unknown' } }));
    });
  });
}
