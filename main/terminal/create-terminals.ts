import { homedir } from 'node:os';
import { join } from 'node:path';
import type { EventEmitter } from '../events';
import type { Logger } from '../log';
import { SshConnectionPool } from '../ssh/connection-pool';
import { HostKeyPrompts } from '../ssh/host-key-prompts';
import { HostKeyTrust } from '../ssh/host-key-trust';
import { KnownHostsFile } from '../ssh/known-hosts-file';
import type { NodeLoginResolver } from '../ssh/node-login';
import { terminalHandlers } from './terminal-handlers';
import { TerminalService } from './terminal-service';

/** What the terminal feature needs from the composition root. */
export interface TerminalFeatureDeps {
  dataDir: string;
  log: Logger;
  events: EventEmitter;
  resolver: NodeLoginResolver;
  /** The user's OpenSSH known_hosts, read and never written; default `~/.ssh/known_hosts`. */
  knownHostsPath?: string;
}

/** The terminal feature, built: its handlers and how to end every session on quit. */
export interface TerminalFeature {
  handlers: ReturnType<typeof terminalHandlers>;
  /** The host-key trust store (the remote-login table copies a node's trusted keys with its ssh command). */
  trust: HostKeyTrust;
  service: TerminalService;
  /** Connections waiting on an unknown host key (fleet commands answer first-seen keys when the user asked them to). */
  prompts: HostKeyPrompts;
  /** The app's one SSH connection per (account, pool, node, user): terminals, SFTP, tunnels and exec share it. */
  connections: SshConnectionPool;
  dispose(): Promise<void>;
}

/** Builds the trust store, the prompt broker and the session service, and their contract handlers. */
export function createTerminals(deps: TerminalFeatureDeps): TerminalFeature {
  const knownHosts = new KnownHostsFile(deps.knownHostsPath ?? join(homedir(), '.ssh', 'known_hosts'));
  const trust = new HostKeyTrust(deps.dataDir, knownHosts);
  const prompts = new HostKeyPrompts();
  const { log, resolver } = deps;
  const connections = new SshConnectionPool({ resolver, trust, prompts, log });
  const service = new TerminalService({ events: deps.events, log, resolver, trust, prompts, connections });
  const dispose = async (): Promise<void> => {
    await service.dispose();
    await connections.dispose();
  };
  return { handlers: terminalHandlers(service, trust, prompts), trust, service, connections, prompts, dispose };
}
