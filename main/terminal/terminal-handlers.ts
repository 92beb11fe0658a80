import type { terminalChannels } from '../../contract/features/terminal';
import type { PartialHandlers } from '../router';
import type { HostKeyPrompts } from '../ssh/host-key-prompts';
import type { HostKeyTrust } from '../ssh/host-key-trust';
import type { TerminalService } from './terminal-service';

/** Channels the terminal feature answers: every channel of its contract map (sessions and host-key trust). */
type TerminalChannel = keyof typeof terminalChannels;

/** Contract handlers for terminals and host-key trust. */
export function terminalHandlers(
  terminals: TerminalService,
  trust: HostKeyTrust,
  prompts: HostKeyPrompts,
): PartialHandlers<TerminalChannel> {
  return {
    'term:open-node': (request) => terminals.openNode(request),
    'term:open-local': (request) => terminals.openLocal(request),
    'term:input': ({ sessionIds, data }) => terminals.input(sessionIds, data),
    'term:resize': ({ sessionId, cols, rows }) => terminals.resize(sessionId, cols, rows),
    'term:ack': ({ sessionId, chars }) => ({ unackedChars: terminals.ack(sessionId, chars) }),
    'term:close': async ({ sessionId }) => {
      await terminals.close(sessionId);
      return { closed: sessionId };
    },
    'term:reconnect': ({ sessionId }) => terminals.reconnect(sessionId),
    'term:list': ({ screens }) => terminals.list(screens),
    'hostkeys:decide': ({ hostKeyId, fingerprint, decision }) => ({ settled: prompts.decide(hostKeyId, fingerprint, decision) }),
    'hostkeys:list': () => trust.list(),
    'hostkeys:forget': async ({ hostKeyId, fingerprint }) => ({ removed: await trust.forget(hostKeyId, fingerprint) }),
  };
}
