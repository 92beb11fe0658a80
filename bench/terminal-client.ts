// The "renderer" side of the terminal benchmarks, in its own process: a WebSocket client of the contract that parses
// output with @xterm/headless and acknowledges in 5,000-char units after each chunk was parsed (as the renderer
// does), plus the baselines: xterm parsing bytes directly, and a direct ssh2 shell with no Batch Deck in between.
import { readFileSync } from 'node:fs';
import ssh2 from 'ssh2';
import WebSocket from 'ws';
import { flowAckUnitChars } from '../contract/features/terminal';
import { readDataFrame } from '../contract/transport';
import type { NodeLoginTarget } from '../main/ssh/node-login';
import { HeadlessTerminal } from '../main/terminal/headless-terminal';

/** Requests the bench sends to this process. */
export type ClientRequest =
  | { op: 'connect'; socketUrl: string; origin: string; protocols: string[] }
  | { op: 'open'; cols: number; rows: number }
  | { op: 'direct-open'; target: NodeLoginTarget; cols: number; rows: number }
  | { op: 'run'; via: 'contract' | 'direct'; command: string; marker: string }
  | { op: 'echo'; via: 'contract' | 'direct'; count: number; gapMs: number }
  | { op: 'parse'; file: string }
  /** Sends input without waiting (start a flood, press Ctrl-C). */
  | { op: 'send'; via: 'contract' | 'direct'; data: string }
  /** Sends `data`, then resolves when `needle` was parsed: the milliseconds in between and chars received meanwhile. */
  | { op: 'send-until'; via: 'contract' | 'direct'; data: string; needle: string }
  /** Chars this process has received on a stream so far. */
  | { op: 'stats'; via: 'contract' | 'direct' }
  | { op: 'close' };

/** One stream (the contract session or the direct ssh2 channel) feeding one headless xterm. */
class Stream {
  readonly terminal = new HeadlessTerminal({ cols: 120, rows: 40, scrollback: 1000, allowProposedApi: true });
  received = 0;
  private parsedUnacked = 0;
  private waiters: { needle: string; tail: string; resolve: () => void }[] = [];

  constructor(private readonly ack: (chars: number) => void) {}

  /** Takes a chunk; resolves waiters when a needle has been parsed (not merely received). */
  data(text: string): void {
    this.received += text.length;
    const waiters = this.waiters;
    this.terminal.write(text, () => {
      this.parsedUnacked += text.length;
      if (this.parsedUnacked >= flowAckUnitChars) {
        const units = Math.floor(this.parsedUnacked / flowAckUnitChars) * flowAckUnitChars;
        this.parsedUnacked -= units;
        this.ack(units);
      }
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
let sessionId = '';
let contractStream: Stream | undefined;
/** Sessions whose SSH connection is up (input before that is not delivered). */
const connected = new Set<string>();
let direct: { client: ssh2.Client; channel: ssh2.ClientChannel; stream: Stream } | undefined;

function call(channel: string, payload: unknown): Promise<unknown> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, (result) => (result.ok ? resolve(result.value) : reject(new Error(JSON.stringify(result.error)))));
    socket?.send(JSON.stringify({ id, channel, payload }));
  });
}

function streamOf(via: 'contract' | 'direct'): { stream: Stream; send: (data: string) => void } {
  if (via === 'direct' && direct) return { stream: direct.stream, send: (data) => direct?.channel.write(data) };
  if (!contractStream) throw new Error('no session');
  return { stream: contractStream, send: (data) => void call('term:input', { sessionIds: [sessionId], data }) };
}

async function handle(request: ClientRequest): Promise<unknown> {
  switch (request.op) {
    case 'connect': {
      socket = new WebSocket(request.socketUrl, request.protocols, { headers: { origin: request.origin } });
      socket.on('message', (raw, isBinary) => {
        if (isBinary) {
          // Terminal output: one binary frame per chunk (contract/transport.ts), decoded as the web bridge does.
          const frame = readDataFrame(raw as Buffer);
          if (frame?.sessionId === sessionId) contractStream?.data(utf8.decode(frame.bytes));
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
        } else if (message.event === 'term:data' && message.payload?.sessionId === sessionId) {
          contractStream?.data(message.payload.data);
        } else if (message.event === 'term:status' && message.payload?.status?.state === 'connected') {
          connected.add(message.payload.sessionId);
        }
      });
      await new Promise((resolve, reject) => socket?.once('open', resolve).once('error', reject));
      return 'connected';
    }
    case 'open': {
      contractStream = new Stream((chars) => void call('term:ack', { sessionId, chars }).catch(() => undefined));
      const info = (await call('term:open-node', { accountId: 'bench', poolId: 'bench', nodeId: 'sshd', user: 'benchuser', cols: request.cols, rows: request.rows })) as { sessionId: string };
      sessionId = info.sessionId;
      while (!connected.has(sessionId)) await new Promise((resolve) => setTimeout(resolve, 20));
      await ready('contract');
      return sessionId;
    }
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
    case 'run':
      return sendUntil(request.via, `${request.command}\r`, request.marker);
    case 'send-until':
      return sendUntil(request.via, request.data, request.needle);
    case 'send':
      streamOf(request.via).send(request.data);
      return 'sent';
    case 'echo':
      return echoLatencies(request.via, request.count, request.gapMs);
    case 'parse': {
      const text = readFileSync(request.file, 'utf8');
      const terminal = new HeadlessTerminal({ cols: 120, rows: 40, scrollback: 1000, allowProposedApi: true });
      const started = performance.now();
      await new Promise<void>((resolve) => {
        for (let i = 0; i < text.length; i += 32_768) terminal.write(text.slice(i, i + 32_768), i + 32_768 >= text.length ? resolve : undefined);
      });
      return { ms: performance.now() - started, chars: text.length };
    }
    case 'stats':
      return streamOf(request.via).stream.received;
    case 'close':
      direct?.client.end();
      socket?.close();
      setTimeout(() => process.exit(0), 100);
      return 'closing';
  }
}

/** Waits for a shell prompt to be usable: a command's output comes back. */
async function ready(via: 'contract' | 'direct'): Promise<void> {
  const { stream, send } = streamOf(via);
  const done = stream.until('READY-2');
  send('stty -ixon; echo READY-$((1+1))\r');
  await done;
}

/** Sends `data`; resolves when `needle` has been parsed, with the time taken and the chars received meanwhile. */
async function sendUntil(via: 'contract' | 'direct', data: string, needle: string): Promise<{ ms: number; chars: number }> {
  const { stream, send } = streamOf(via);
  const done = stream.until(needle);
  const before = stream.received;
  const started = performance.now();
  send(data);
  await done;
  return { ms: performance.now() - started, chars: stream.received - before };
}

/**
 * Types `x` then backspace `count` times at an idle prompt, `gapMs` apart (a typist's pause); the time until each `x`
 * is echoed and parsed.
 */
async function echoLatencies(via: 'contract' | 'direct', count: number, gapMs: number): Promise<number[]> {
  const { stream, send } = streamOf(via);
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) {
    // At an idle prompt the next chunk after a keystroke is its echo.
    const echoed = stream.next();
    const started = performance.now();
    send('x');
    await echoed;
    samples.push(performance.now() - started);
    await pause(gapMs);
    const erased = stream.next();
    send('\x7f');
    await erased;
    await pause(gapMs);
  }
  return samples;
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
