import headless from '@xterm/headless';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SessionStatus } from '../../../contract/features/terminal';
import { ParsedOutputAcks } from '../../../contract/terminal-acks';
import { EventBus } from '../../../main/events';
import type { Logger } from '../../../main/log';
import { HostKeyPrompts } from '../../../main/ssh/host-key-prompts';
import { HostKeyTrust } from '../../../main/ssh/host-key-trust';
import { KnownHostsFile } from '../../../main/ssh/known-hosts-file';
import type { NodeLoginRequest, NodeLoginResolver, NodeLoginTarget } from '../../../main/ssh/node-login';
import { TerminalService, type TerminalServiceDeps } from '../../../main/terminal/terminal-service';
import { startSshd, type RunningSshd, type SshdOptions } from '../../helpers/sshd';

/** A logger that keeps lines in memory (tests read them; nothing reaches stderr). */
export class MemoryLogger implements Logger {
  readonly lines: string[] = [];
  info(area: string, message: string): void {
    this.lines.push(`info [${area}] ${message}`);
  }
  warn(area: string, message: string): void {
    this.lines.push(`warn [${area}] ${message}`);
  }
  error(area: string, message: string, error?: unknown): void {
    this.lines.push(`error [${area}] ${message} ${String(error ?? '')}`);
  }
}

/**
 * Plays the renderer's part for one session: parses `term:data` with a headless xterm in `seq` order and acknowledges
 * only after xterm parsed them (the write callback), with the real renderer's ParsedOutputAcks.
 */
export class RendererProbe {
  readonly terminal = new headless.Terminal({ cols: 80, rows: 24, scrollback: 5000, allowProposedApi: true });
  /** The last 256 KiB of output (a flood would otherwise fill the test's memory). */
  text = '';
  /** Every char this probe received. */
  received = 0;
  private readonly watches: { needle: string; tail: string; found: () => void }[] = [];
  readonly statuses: SessionStatus[] = [];
  exit: { exitCode: number | null; signal: string | null } | undefined;
  /** False plays a renderer that went away: output is still parsed but never acknowledged. */
  acking = true;
  /** Sees every chunk as it arrives (tests that check what came through, without keeping it all). */
  tap: ((data: string) => void) | undefined;
  private readonly acks: ParsedOutputAcks;

  constructor(
    readonly sessionId: string,
    ack: (chars: number) => void,
  ) {
    this.acks = new ParsedOutputAcks(ack);
  }

  /** Takes one output chunk. */
  data(data: string): void {
    this.received += data.length;
    this.tap?.(data);
    this.text = (this.text + data).slice(-262_144);
    for (const watch of [...this.watches]) {
      const window = watch.tail + data;
      if (window.includes(watch.needle)) {
        this.watches.splice(this.watches.indexOf(watch), 1);
        watch.found();
      } else {
        watch.tail = window.slice(-watch.needle.length);
      }
    }
    this.terminal.write(data, () => {
      if (this.acking) this.acks.parsedChars(data.length);
    });
  }

  /** Resolves when `needle` appears in output arriving from now on (however much output follows it). */
  watch(needle: string): Promise<void> {
    return new Promise((found) => this.watches.push({ needle, tail: '', found }));
  }

  /** The visible screen as plain lines (what the user sees). */
  screenLines(): string[] {
    const buffer = this.terminal.buffer.active;
    const lines: string[] = [];
    for (let y = buffer.baseY; y < buffer.baseY + this.terminal.rows; y += 1) lines.push(buffer.getLine(y)?.translateToString(true) ?? '');
    return lines;
  }

  /** The last status. */
  get status(): SessionStatus | undefined {
    return this.statuses.at(-1);
  }
}

/** A terminal service wired to a real sshd, with a probe per session. */
export interface TerminalFixture {
  sshd: RunningSshd;
  /** Every login the service resolved (the first connect and each reconnect), in order. */
  resolved: NodeLoginRequest[];
  service: TerminalService;
  trust: HostKeyTrust;
  prompts: HostKeyPrompts;
  log: MemoryLogger;
  dataDir: string;
  knownHostsPath: string;
  /** The probe of a session, created on first use. */
  probe(sessionId: string): RendererProbe;
  /** Opens a shell to the sshd and returns its probe. */
  openShell(size?: { cols: number; rows: number }): RendererProbe;
  dispose(): Promise<void>;
}

/** The account the fixture's shells are opened in. */
export const fixtureAccountId = 'account-x';

/** Starts sshd and builds the service around it; `trustServer` pre-trusts its host key (most tests). */
export async function createTerminalFixture(
  options: { trustServer?: boolean; sshd?: SshdOptions; service?: Partial<TerminalServiceDeps> } = {},
): Promise<TerminalFixture> {
  const sshd = await startSshd(options.sshd);
  const dataDir = mkdtempSync(join(tmpdir(), 'batch-deck-term-'));
  const knownHostsPath = join(dataDir, 'user_known_hosts');
  writeFileSync(knownHostsPath, '');
  const log = new MemoryLogger();
  lastLog = log;
  const trust = new HostKeyTrust(dataDir, new KnownHostsFile(knownHostsPath));
  const prompts = new HostKeyPrompts();
  if (options.trustServer !== false) writeFileSync(knownHostsPath, `${sshd.hostKeyId} ${sshd.hostPublicKey()}\n`);
  const target = (): NodeLoginTarget => ({
    host: sshd.host,
    port: sshd.port,
    username: sshd.user,
    auth: { kind: 'privateKey', privateKey: sshd.clientPrivateKey },
    label: 'test sshd',
    hostKeyId: sshd.hostKeyId,
  });
  const resolved: NodeLoginRequest[] = [];
  const resolver: NodeLoginResolver = { resolve: async (request) => (resolved.push(request), target()) };
  const events = new EventBus();
  const service = new TerminalService({ events, log, resolver, trust, prompts, ...options.service });
  const probes = new Map<string, RendererProbe>();
  const probe = (sessionId: string): RendererProbe => {
    let found = probes.get(sessionId);
    if (!found) {
      found = new RendererProbe(sessionId, (chars) => {
        // Like the renderer: an ack for a session closed meanwhile is answered NOT_FOUND and ignored.
        if (probes.has(sessionId)) ignoreClosed(() => service.ack(sessionId, chars));
      });
      probes.set(sessionId, found);
    }
    return found;
  };
  events.connect('probe', (event, payload) => {
    const p = payload as { sessionId: string; data?: string; status?: SessionStatus; exitCode?: number | null; signal?: string | null };
    if (event === 'term:data') probe(p.sessionId).data(p.data ?? '');
    if (event === 'term:status' && p.status) probe(p.sessionId).statuses.push(p.status);
    if (event === 'term:exit') probe(p.sessionId).exit = { exitCode: p.exitCode ?? null, signal: p.signal ?? null };
  });
  return {
    sshd,
    resolved,
    service,
    trust,
    prompts,
    log,
    dataDir,
    knownHostsPath,
    probe,
    openShell: (size = { cols: 80, rows: 24 }) =>
      probe(service.openNode({ accountId: fixtureAccountId, poolId: 'pool-1', nodeId: 'node-1', user: sshd.user, ...size }).sessionId),
    async dispose() {
      probes.clear();
      await service.dispose();
      await sshd.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs `call`, ignoring NOT_FOUND (the session was closed while output was still being parsed). */
export function ignoreClosed(call: () => unknown): void {
  try {
    call();
  } catch (error) {
    if ((error as { code?: string }).code !== 'NOT_FOUND') throw error;
  }
}

/** The newest fixture's log: a wait that times out shows its end (why a session never connected, say). */
let lastLog: MemoryLogger | undefined;

/** Polls `check` until it returns a truthy value (or throws after `timeoutMs` with `what` and the log's last lines). */
export async function waitUntil<T>(what: string, check: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; the service's last log lines:\n${lastLog?.lines.slice(-12).join('\n') ?? '(none)'}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Established TCP connections on the server side of `port` (sshd's), as the kernel lists them. */
export async function serverConnections(port: number): Promise<number> {
  const { stdout } = await promisify(execFile)('ss', ['-Htn', 'state', 'established', `( sport = :${port} )`]);
  return stdout.split('\n').filter((line) => line.trim()).length;
}
