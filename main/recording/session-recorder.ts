import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { EscapeStripper } from './strip-escapes';

/** What a recording starts from: where, and the terminal as it is now. */
export interface RecorderStart {
  castPath: string;
  transcriptPath: string;
  cols: number;
  rows: number;
  title: string;
  /** Milliseconds since the epoch (the clock is injectable for tests). */
  now(): number;
}

/**
 * Writes one session log: an asciicast v2 file (a header line, then `[seconds, "o", text]` output and
 * `[seconds, "r", "COLSxROWS"]` resize events, one JSON array a line) and a plain-text transcript, both created new
 * with mode 0600. Only output goes in: the terminal's input (passwords typed at prompts) never reaches a recorder.
 */
export class SessionRecorder {
  private readonly cast: WriteStream;
  private readonly transcript: WriteStream;
  private readonly stripper = new EscapeStripper();
  private readonly startedMs: number;
  private failure: Error | undefined;
  chars = 0;

  constructor(private readonly start: RecorderStart, onError: (error: Error, path: string) => void) {
    this.startedMs = start.now();
    // 'wx': never overwrite a file that exists; 0600: a log can hold whatever the shell printed.
    this.cast = createWriteStream(start.castPath, { flags: 'wx', mode: 0o600 });
    this.transcript = createWriteStream(start.transcriptPath, { flags: 'wx', mode: 0o600 });
    for (const [stream, path] of [[this.cast, start.castPath], [this.transcript, start.transcriptPath]] as const) {
      stream.on('error', (error) => {
        if (this.failure) return;
        this.failure = error;
        onError(error, path);
      });
    }
    const header = {
      version: 2,
      width: start.cols,
      height: start.rows,
      timestamp: Math.floor(this.startedMs / 1000),
      title: start.title,
      env: { TERM: 'xterm-256color' },
    };
    this.cast.write(`${JSON.stringify(header)}\n`);
  }

  /** Output as the terminal showed it. */
  output(text: string): void {
    if (this.failure || text.length === 0) return;
    this.chars += text.length;
    this.cast.write(`${JSON.stringify([this.elapsed(), 'o', text])}\n`);
    const plain = this.stripper.write(text);
    if (plain) this.transcript.write(plain);
  }

  /** The terminal's new size. */
  resize(cols: number, rows: number): void {
    if (this.failure) return;
    this.cast.write(`${JSON.stringify([this.elapsed(), 'r', `${cols}x${rows}`])}\n`);
  }

  /** Finishes both files; resolves once they are on disk (or failed). */
  async end(): Promise<void> {
    if (!this.failure) this.transcript.write(this.stripper.end());
    await Promise.all([this.cast, this.transcript].map(async (stream) => {
      if (stream.closed || stream.destroyed) return;
      stream.end();
      await once(stream, 'close').catch(() => undefined);
    }));
  }

  private elapsed(): number {
    return Math.round(this.start.now() - this.startedMs) / 1000;
  }
}
