// The "renderer" side of the terminal benchmarks, in its own process: a WebSocket client of the contract that parses
// output with @xterm/headless and acknowledges what it parsed with the renderer's ParsedOutputAcks (as the renderer
// does), plus the baselines: xterm parsing bytes directly, a direct ssh2 shell with no Batch Deck in between, and a shell
// through the bare relay (the floor of any renderer/main split: bench/bare-relay.ts).
import { readFileSync } from 'node:fs';
import ssh2 from 'ssh2';
import WebSocket from 'ws';
import { ParsedOutputAcks } from '../contract/terminal-acks';
import { readDataFrame } from '../contract/transport';
import type { NodeLoginTarget } from '../main/ssh/node-login';
import { HeadlessTerminal } from '../main/terminal/headless-terminal';
import { inTurn, wallClock } from './terminal-echo';

/** The paths a stream can take: Batch Deck's contract, a direct ssh2 client, or the bare relay (bench/bare-relay.ts). */
export type Via = 'contract' | 'direct' | 'relay';

/** Requests the bench sends to this process. */
export type ClientRequest =
  | { op: 'connect'; socketUrl: string; origin: string; protocols: string[] }
  | { op: 'open'; cols: number; rows: number }
  | { op: 'direct-open'; target: NodeLoginTarget; cols: number; rows: number }
  /** Opens the bare relay's shell (its size is the relay's: 120 × 40). */
  | { op: 'relay-open'; url: string }
  | { op: 'run'; via: Via; command: string; marker: string }
  /** Echo latency of each path, keystroke by keystroke in turn (so all see the same moments of a drifting machine). */
  | { op: 'echo'; paths: Via[]; count: number; gapMs: number }
  | { op: 'parse'; file: string }
  /** Sends input without waiting (start a flood, press Ctrl-C). */
  | { op: 'send'; via: Via; data: string }
  /** Sends `data`, then resolves when `needle` was parsed: the milliseconds in between and chars received meanwhile. */
  | { op: 'send-until'; via: Via; data: string; needle: string }
  /** Chars this process has received on a stream so far. */
  | { op: 'stats'; via: Via }
  /** Opens `count` more contract sessions (scrollback as the real renderer keeps: 5,000 lines); resolves with their ids. */
  | { op: 'open-many'; count: number; cols: number; rows: number }
  /** Sends `data` to each of these sessions, then resolves when each one has parsed `needle`. */
  | { op: 'each-until'; sessionIds: string[]; data: string; needle: string }
  /** This process's memory after a garbage collection: the renderer stand-in's heap. */
  | { op: 'memory' }
  | { op: 'close' };

/** One stream (the contract session or the direct ssh2 channel) feeding one headless xterm. */
class Stream {
  readonly terminal: InstanceType<typeof HeadlessTerminal>;
  received = 0;
  /** Wall-clock times (ms) the last chunk arrived and was parsed. */
  arrivedAt = 0;
  parsedAt = 0;
  private readonly acks: ParsedOutputAcks;
  private waiters: { needle: string; tail: string; resolve: () => void }[] = [];

  constructor(ack: (chars: number) => void, scrollback = 1000) {
    this.acks = new ParsedOutputAcks(ack);
    this.terminal = new HeadlessTerminal({ cols: 120, rows: 40, scrollback, allowProposedApi: true });
  }

  /** Takes a chunk; resolves waiters when a needle has been parsed (not merely received). */
  data(text: string): void {
    this.arrivedAt = wallClock();
    this.received += text.length;
    const waiters = this.waiters;
    this.terminal.write(text, () => {
      this.parsedAt = wallClock();
      this.acks.parsedChars(text.length);
      for (const waiter of [...waiters]) {
        const window = waiter.tail + text;
        if (window.includes(waiter.needle)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        } else waiter.tail = window.slice(-waiter.needle.length);
      }
    });
  }

  /** Resolves once `needle` was parsed in output arriving from now on. */
  until(needle: string): Promise<void> {
    return new Promise((resolve) => this.waiters.push({ needle, tail: '', resolve }));
  }

  /** Resolves once the next chunk (whatever it holds) was parsed. */
  next(): Promise<void> {
    return this.until('');
  }
}

let socket: WebSocket | undefined;
const utf8 = new TextDecoder();
let nextId = 1;
const pending = new Map<number, (result: { ok: boolean; value?: unknown; error?: unknown }) => void>();
/** The session the single-stream measurements use. */
let sessionId = '';
/** Every contract session's stream, by id. */
const streams = new Map<string, Stream>();
/** Output of sessions whose open call has not answered yet. */
const early = new Map<string, string[]>();
/** Sessions whose SSH connection is up (input before that is not delivered). */
const connected = new Set<string>();
let direct: { client: ssh2.Client; channel: ssh2.ClientChannel; stream: Stream } | undefined;
let relay: { socket: WebSocket; stream: Stream } | undefined;

function call(channel: string, payload: unknown): Promise<unknown> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, (result) => (result.ok ? resolve(result.value) : reject(new Error(JSON.stringify(result.error)))));
    socket?.send(JSON.stringify({ id, channel, payload }));
  });
}

/** Hands output to its session's stream, or keeps it until the session's open call has answered. */
function deliver(id: string, text: string): void {
  const stream = streams.get(id);
  if (stream) stream.data(text);
  else early.set(id, [...(early.get(id) ?? []), text]);
}

/** Opens a contract session and waits until its shell answers. */
async function openSession(cols: number, rows: number, scrollback: number): Promise<string> {
  const info = (await call('term:open-node', { accountId: 'bench', poolId: 'bench', nodeId: 'sshd', user: 'benchuser', cols, rows })) as { sessionId: string };
  const id = info.sessionId;
  const stream = new Stream((chars) => void call('term:ack', { sessionId: id, chars }).catch(() => undefined), scrollback);
  streams.set(id, stream);
  for (const text of early.get(id) ?? []) stream.data(text);
  early.delete(id);
  while (!connected.has(id)) await new Promise((resolve) => setTimeout(resolve, 20));
  const done = stream.until('READY-2');
  void call('term:input', { sessionIds: [id], data: 'stty -ixon; echo READY-$((1+1))\r' });
  await done;
  return id;
}

function streamOf(via: Via): { stream: Stream; send: (data: string) => void } {
  if (via === 'direct' && direct) return { stream: direct.stream, send: (data) => direct?.channel.write(data) };
  if (via === 'relay' && relay) return { stream: relay.stream, send: (data) => relay?.socket.send(data) };
  const stream = streams.get(sessionId);
  if (!stream) throw new Error('no session');
  return { stream, send: (data) => void call('term:input', { sessionIds: [sessionId], data }) };
}

async function handle(request: ClientRequest): Promise<unknown> {
  switch (request.op) {
    case 'connect': {
      socket = new WebSocket(request.socketUrl, request.protocols, { headers: { origin: request.origin } });
      socket.on('message', (raw, isBinary) => {
        if (isBinary) {
          // Terminal output: one binary frame per chunk (contract/transport.ts), decoded as the web bridge does.
          const frame = readDataFrame(raw as Buffer);
          if (frame) deliver(frame.sessionId, utf8.decode(frame.bytes));
          return;
        }
        const message = JSON.parse(String(raw)) as {
          id?: number;
          result?: { ok: boolean };
          event?: string;
          payload?: { sessionId: string; data: string; status?: { state: string } };
        };
        if (message.id !== undefined && message.result) {
          pending.get(message.id)?.(message.result);
          pending.delete(message.id);
        } else if (message.event === 'term:data' && message.payload) {
          deliver(message.payload.sessionId, message.payload.data);
        } else if (message.event === 'term:status' && message.payload?.status?.state === 'connected') {
          connected.add(message.payload.sessionId);
        }
      });
      await new Promise((resolve, reject) => socket?.once('open', resolve).once('error', reject));
      return 'connected';
    }
    case 'open':
      sessionId = await openSession(request.cols, request.rows, 1000);
      return sessionId;
    case 'open-many': {
      const ids: string[] = [];
      for (let i = 0; i < request.count; i += 1) ids.push(await openSession(request.cols, request.rows, 5000));
      return ids;
    }
    case 'each-until': {
      const done = request.sessionIds.map((id) => streams.get(id)?.until(request.needle));
      void call('term:input', { sessionIds: request.sessionIds, data: request.data });
      await Promise.all(done);
      return 'done';
    }
    case 'memory':
      collectGarbage();
      return process.memoryUsage();
    case 'direct-open': {
      const client = new ssh2.Client();
      const { target } = request;
      await new Promise<void>((resolve, reject) => {
        client.once('ready', () => resolve()).once('error', reject);
        const auth = target.auth.kind === 'privateKey' ? { privateKey: target.auth.privateKey } : { password: target.auth.password };
        client.connect({ host: target.host, port: target.port, username: target.username, ...auth });
      });
      const channel = await new Promise<ssh2.ClientChannel>((resolve, reject) =>
        client.shell({ term: 'xterm-256color', cols: request.cols, rows: request.rows }, (error, ch) => (error ? reject(error) : resolve(ch))),
      );
      const stream = new Stream(() => undefined);
      channel.on('data', (chunk: Buffer) => stream.data(chunk.toString('utf8')));
      direct = { client, channel, stream };
      await ready('direct');
      return 'open';
    }
    case 'relay-open': {
      const relaySocket = new WebSocket(request.url);
      const stream = new Stream(() => undefined);
      relaySocket.on('message', (raw) => stream.data(utf8.decode(raw as Buffer)));
      await new Promise((resolve, reject) => relaySocket.once('open', resolve).once('error', reject));
      relay = { socket: relaySocket, stream };
      await ready('relay');
      return 'open';
    }
    case 'run':
      // Every path's round starts from a collected heap, so none pays for the garbage of the one before.
      collectGarbage();
      return sendUntil(request.via, `${request.command}\r`, request.marker);
    case 'send-until':
      return sendUntil(request.via, request.data, request.needle);
    case 'send':
      streamOf(request.via).send(request.data);
      return 'sent';
    case 'echo':
      return echoLatencies(request.paths, request.count, request.gapMs);
    case 'parse': {
      const text = readFileSync(request.file, 'utf8');
      const terminal = new HeadlessTerminal({ cols: 120, rows: 40, scrollback: 1000, allowProposedApi: true });
      collectGarbage();
      const started = performance.now();
      await new Promise<void>((resolve) => {
        for (let i = 0; i < text.length; i += 32_768) terminal.write(text.slice(i, i + 32_768), i + 32_768 >= text.length ? resolve : undefined);
      });
      const ms = performance.now() - started;
      // Its 34 M chars and buffers must not be collected during the next path's round.
      terminal.dispose();
      return { ms, chars: text.length };
    }
    case 'stats':
      return streamOf(request.via).stream.received;
    case 'close':
      direct?.client.end();
      relay?.socket.close();
      socket?.close();
      setTimeout(() => process.exit(0), 100);
      return 'closing';
  }
}

/** Waits for a shell prompt to be usable: a command's output comes back. */
async function ready(via: Via): Promise<void> {
  const { stream, send } = streamOf(via);
  const done = stream.until('READY-2');
  send('stty -ixon; echo READY-$((1+1))\r');
  await done;
}

/** Sends `data`; resolves when `needle` has been parsed, with the time taken and the chars received meanwhile. */
async function sendUntil(via: Via, data: string, needle: string): Promise<{ ms: number; chars: number }> {
  const { stream, send } = streamOf(via);
  const done = stream.until(needle);
  const before = stream.received;
  const started = performance.now();
  send(data);
  await done;
  return { ms: performance.now() - started, chars: stream.received - before };
}

/** Echo latency per path, and when each keystroke on each path was sent, its echo arrived and was parsed. */
export interface EchoSamples {
  latencies: Partial<Record<Via, number[]>>;
  marks: Partial<Record<Via, { sentAt: number; arrivedAt: number; parsedAt: number }[]>>;
}

/**
 * Types `x` then backspace `count` times on each path at an idle prompt, `gapMs` apart (a typist's pause), the paths in
 * turn; the time until each `x` is echoed and parsed, per path.
 */
async function echoLatencies(paths: Via[], count: number, gapMs: number): Promise<EchoSamples> {
  const samples: EchoSamples = { latencies: {}, marks: {} };
  const typeAndErase = async (via: Via): Promise<void> => {
    const { stream, send } = streamOf(via);
    // At an idle prompt the next chunk after a keystroke is its echo.
    const echoed = stream.next();
    const started = performance.now();
    const sentAt = wallClock();
    send('x');
    await echoed;
    (samples.latencies[via] ??= []).push(performance.now() - started);
    (samples.marks[via] ??= []).push({ sentAt, arrivedAt: stream.arrivedAt, parsedAt: stream.parsedAt });
    await pause(gapMs);
    const erased = stream.next();
    send('\x7f');
    await erased;
    await pause(gapMs);
  };
  for (let i = 0; i < count; i += 1) {
    for (const via of inTurn(paths, i)) await typeAndErase(via);
  }
  return samples;
}

/** A full garbage collection (the client runs with --expose-gc). */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

process.on('message', (request: ClientRequest & { seq: number }) => {
  handle(request).then(
    (value) => process.send?.({ seq: request.seq, value }),
    (error: unknown) => process.send?.({ seq: request.seq, error: String(error) }),
  );
});
