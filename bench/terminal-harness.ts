// The "main process" side of the terminal benchmarks: Debian's sshd, the real TerminalService and router, and the
// real loopback web host carrying the contract over a WebSocket, exactly as in the app (minus the other features).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contractSubprotocol, tokenSubprotocolPrefix } from '../contract/transport';
import type { BatchDeckApp } from '../main/app';
import { EventBus } from '../main/events';
import type { Logger } from '../main/log';
import { ContractRouter, type InvokeHandlers } from '../main/router';
import { HostKeyPrompts } from '../main/ssh/host-key-prompts';
import { HostKeyTrust } from '../main/ssh/host-key-trust';
import { KnownHostsFile } from '../main/ssh/known-hosts-file';
import type { NodeLoginTarget } from '../main/ssh/node-login';
import { terminalHandlers } from '../main/terminal/terminal-handlers';
import { TerminalService } from '../main/terminal/terminal-service';
import { startWebHost } from '../main/web/web-host';
import { startSshd, type RunningSshd } from '../test/helpers/sshd';

/** A running main side. */
export interface TerminalHarness {
  sshd: RunningSshd;
  service: TerminalService;
  target: NodeLoginTarget;
  /** ws://127.0.0.1:PORT/ws, the Origin the socket must send and the subprotocols that carry the token. */
  socketUrl: string;
  origin: string;
  protocols: string[];
  /** Sees each contract request as it reaches the router, and each event as main emits it (the echo breakdown's clocks). */
  probe: { request?(channel: string, payload: unknown): void; event?(event: string, payload: unknown): void };
  stop(): Promise<void>;
}

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: (_area, message) => console.error(message) };

/** Starts sshd (its host key already in known_hosts) and the terminal feature behind a real web host. */
export async function startTerminalHarness(): Promise<TerminalHarness> {
  const sshd = await startSshd();
  const dataDir = mkdtempSync(join(tmpdir(), 'bd-bench-term-'));
  const knownHosts = join(dataDir, 'known_hosts');
  writeFileSync(knownHosts, `${sshd.hostKeyId} ${sshd.hostPublicKey()}\n`);
  const target: NodeLoginTarget = {
    host: sshd.host,
    port: sshd.port,
    username: sshd.user,
    auth: { kind: 'privateKey', privateKey: sshd.clientPrivateKey },
    label: 'bench',
    hostKeyId: sshd.hostKeyId,
  };
  const events = new EventBus();
  const trust = new HostKeyTrust(dataDir, new KnownHostsFile(knownHosts));
  const prompts = new HostKeyPrompts();
  const service = new TerminalService({ events, log: quiet, resolver: { resolve: async () => target }, trust, prompts });
  // Only the terminal channels exist here; the router refuses the others as it would refuse any unknown name.
  const router = new ContractRouter(terminalHandlers(service, trust, prompts) as unknown as InvokeHandlers, quiet);
  const probe: TerminalHarness['probe'] = {};
  // Connected before any socket, so it hears each event before the socket bridge sends it.
  events.connect('bench-probe', (event, payload) => probe.event?.(event, payload));
  const probedRouter = {
    dispatch: (...args: Parameters<ContractRouter['dispatch']>) => {
      probe.request?.(args[0], args[1]);
      return router.dispatch(...args);
    },
  } as ContractRouter;
  const app: BatchDeckApp = { router: probedRouter, events, dispose: () => service.dispose() };
  const web = await startWebHost({ app, log: quiet, rendererDir: dataDir, token: 'bench-token' });
  const origin = `http://127.0.0.1:${web.port}`;
  return {
    sshd,
    service,
    target,
    socketUrl: `ws://127.0.0.1:${web.port}/ws`,
    origin,
    protocols: [contractSubprotocol, `${tokenSubprotocolPrefix}${web.token}`],
    probe,
    async stop() {
      await web.close();
      await app.dispose();
      await sshd.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
