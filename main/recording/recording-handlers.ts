import type { recordingChannels } from '../../contract/features/recording';
import type { TerminalSessionInfo } from '../../contract/features/terminal';
import type { PartialHandlers } from '../router';
import type { RecordingService } from './recording-service';

/** Contract handlers of session logs. */
export function recordingHandlers(service: RecordingService): PartialHandlers<keyof typeof recordingChannels> {
  return {
    'recording:start': ({ sessionId }) => service.start(sessionId),
    'recording:stop': ({ sessionId }) => service.stop(sessionId),
    'recording:list': () => service.list(),
  };
}

/** The terminal's open handlers, recording each new session when "record every session" is on. */
export function recordNewSessions(
  handlers: PartialHandlers<'term:open-node' | 'term:open-local'>,
  service: RecordingService,
): PartialHandlers<'term:open-node' | 'term:open-local'> {
  const opened = async (info: TerminalSessionInfo): Promise<TerminalSessionInfo> => {
    await service.sessionOpened(info.sessionId);
    return info;
  };
  return {
    'term:open-node': async (request, ctx) => opened(await handlers['term:open-node'](request, ctx)),
    'term:open-local': async (request, ctx) => opened(await handlers['term:open-local'](request, ctx)),
  };
}
