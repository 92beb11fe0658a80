import { z } from 'zod';
import { event, invoke } from '../channel';
import { sessionIdSchema } from './terminal';

/** One session log: an asciicast v2 recording and a plain-text transcript of what the terminal showed (never input). */
export const recordingInfoSchema = z.object({
  sessionId: z.string(),
  /** The asciicast v2 file (`asciinema play` plays it). */
  castPath: z.string(),
  /** The transcript: output as plain text, escape sequences stripped. */
  transcriptPath: z.string(),
  /** recording: being written; stopped: complete; failed: writing stopped (see `error`, which names the file). */
  state: z.enum(['recording', 'stopped', 'failed']),
  startedAt: z.string(),
  stoppedAt: z.string().optional(),
  /** Output chars written so far. */
  chars: z.number().int(),
  error: z.string().optional(),
});

/** A session log. */
export type RecordingInfo = z.infer<typeof recordingInfoSchema>;

const sessionRef = z.object({ sessionId: sessionIdSchema }).strict();

/** Channels of session logs (files under the app's data folder, `recordings/`, mode 0600). */
export const recordingChannels = {
  /** Starts logging a session's output from now on; CONFLICT when it is being recorded already. */
  'recording:start': invoke(sessionRef).returns<RecordingInfo>(),
  /** Stops logging; the files are complete when this resolves. */
  'recording:stop': invoke(sessionRef).returns<RecordingInfo>(),
  /** The latest recording of every session that has one (running or finished) in this app run. */
  'recording:list': invoke(z.object({}).strict()).returns<RecordingInfo[]>(),
};

/** Events of session logs. */
export const recordingEvents = {
  /** Every recording after one started, stopped or failed. */
  'recording:changed': event(z.object({ recordings: z.array(recordingInfoSchema) })),
};
