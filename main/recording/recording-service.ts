import { join } from 'node:path';
import type { RecordingInfo } from '../../contract/features/recording';
import { ContractFailure } from '../../contract/result';
import type { EventEmitter } from '../events';
import type { Logger } from '../log';
import { ensurePrivateDir } from '../store/paths';
import type { TerminalSession } from '../terminal/terminal-session';
import { SessionRecorder } from './session-recorder';

/** What the recording service is built from. */
export interface RecordingServiceDeps {
  /** The app's data folder: logs go to `<dataDir>/recordings/`. */
  dataDir: string;
  /** The live session with this id (throws NOT_FOUND). */
  session(sessionId: string): TerminalSession;
  events: EventEmitter;
  log: Logger;
  /** Whether every new session is recorded (the "record every session" setting). */
  recordEverySession(): Promise<boolean>;
  now?: () => number;
}

interface Recording {
  info: RecordingInfo;
  recorder: SessionRecorder;
  untap(): void;
}

/** File-name safe local time stamp: 2026-11-30T09-41-05Z. */
function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
}

/**
 * Session logs: per terminal session, an asciicast v2 file and a plain-text transcript of its output, started and
 * stopped on request (or for every session by setting), stopped when the session closes.
 */
export class RecordingService {
  /** The latest recording per session (a stopped one stays listed so its paths can be shown). */
  private readonly recordings = new Map<string, Recording>();
  private readonly now: () => number;

  constructor(private readonly deps: RecordingServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Starts recording a session's output from now on. */
  start(sessionId: string): RecordingInfo {
    const session = this.deps.session(sessionId);
    if (this.recordings.get(sessionId)?.info.state === 'recording') throw new ContractFailure('CONFLICT', 'This session is being recorded already.');
    const dir = join(this.deps.dataDir, 'recordings');
    ensurePrivateDir(dir);
    const startedMs = this.now();
    const base = join(dir, `${sessionId}-${stamp(startedMs)}`);
    const { cols, rows, label } = session.info();
    const info: RecordingInfo = {
      sessionId,
      castPath: `${base}.cast`,
      transcriptPath: `${base}.txt`,
      state: 'recording',
      startedAt: new Date(startedMs).toISOString(),
      chars: 0,
    };
    const recorder = new SessionRecorder({ castPath: info.castPath, transcriptPath: info.transcriptPath, cols, rows, title: label, now: this.now }, (error, path) => {
      void this.finish(recording, 'failed', `Writing ${path} failed: ${error.message}. The recording stopped; the file holds what was written before.`);
    });
    const recording: Recording = {
      info,
      recorder,
      untap: session.tap({
        output: (text) => recorder.output(text),
        resize: (c, r) => recorder.resize(c, r),
        closed: () => void this.finish(recording, 'stopped'),
      }),
    };
    this.recordings.set(sessionId, recording);
    this.deps.log.info('recording', `${sessionId}: recording to ${info.castPath}`);
    this.changed();
    return this.view(recording);
  }

  /** Stops a session's recording; the files are complete when this resolves. */
  async stop(sessionId: string): Promise<RecordingInfo> {
    const recording = this.recordings.get(sessionId);
    if (!recording || recording.info.state !== 'recording') throw new ContractFailure('CONFLICT', 'This session is not being recorded.');
    await this.finish(recording, 'stopped');
    return this.view(recording);
  }

  /** The latest recording of each session. */
  list(): RecordingInfo[] {
    return [...this.recordings.values()].map((recording) => this.view(recording));
  }

  /** Starts recording a new session when the setting asks for every session; never fails the open. */
  async sessionOpened(sessionId: string): Promise<void> {
    try {
      if (await this.deps.recordEverySession()) this.start(sessionId);
    } catch (error) {
      this.deps.log.warn('recording', `${sessionId}: could not start recording: ${(error as Error).message}`);
    }
  }

  /** Completes every running recording (app quit). */
  async dispose(): Promise<void> {
    await Promise.allSettled([...this.recordings.values()].map((recording) => this.finish(recording, 'stopped')));
  }

  private async finish(recording: Recording, state: 'stopped' | 'failed', error?: string): Promise<void> {
    if (recording.info.state !== 'recording') return;
    recording.untap();
    recording.info = { ...recording.info, state, stoppedAt: new Date(this.now()).toISOString(), ...(error ? { error } : {}) };
    await recording.recorder.end();
    if (error) this.deps.log.warn('recording', `${recording.info.sessionId}: ${error}`);
    this.changed();
  }

  private view(recording: Recording): RecordingInfo {
    return { ...recording.info, chars: recording.recorder.chars };
  }

  private changed(): void {
    this.deps.events.emit('recording:changed', { recordings: this.list() });
  }
}
