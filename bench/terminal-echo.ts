// Section (2) of the terminal bench: keystroke echo at an idle bash prompt through Batch Deck, through the bare relay
// (the floor of any renderer/main split) and through a direct ssh2 client, keystrokes in turn; and where the time goes.
import type { ClientRequest, EchoSamples } from './terminal-client';
import type { TerminalHarness } from './terminal-harness';

/** Keystrokes per path: a p99 of 800 samples is their 8th slowest, not a single outlier. */
export const echoKeystrokes = 800;

/** p-th percentile of samples (nearest rank). */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** Milliseconds since the epoch, sub-millisecond: main's probe and the stand-in's marks, comparable across processes up to their clocks' offset. */
export function wallClock(): number {
  return performance.timeOrigin + performance.now();
}

/** The paths in turn for round `round`: which one goes first rotates, so none always meets the machine first. */
export function inTurn<T>(paths: readonly T[], round: number): T[] {
  const first = round % paths.length;
  return [...paths.slice(first), ...paths.slice(0, first)];
}

/** Runs the echo keystrokes on each path, with main's probe on, and prints the latency table and the breakdown. */
export async function measureEcho(ask: (request: Extract<ClientRequest, { op: 'echo' }>) => Promise<EchoSamples>, harness: TerminalHarness): Promise<void> {
  console.log(`\n### (2) Keystroke echo latency at an idle bash prompt, ${echoKeystrokes} keystrokes per path, 20 ms apart, the paths in turn\n`);
  const probed = { requests: [] as number[], echoes: [] as number[] };
  harness.probe.request = (channel, payload) => {
    if (channel === 'term:input' && (payload as { data?: string }).data === 'x') probed.requests.push(wallClock());
  };
  harness.probe.event = (event, payload) => {
    if (event === 'term:data' && (payload as { data?: string }).data === 'x') probed.echoes.push(wallClock());
  };
  const echo = await ask({ op: 'echo', paths: ['direct', 'relay', 'contract'], count: echoKeystrokes, gapMs: 20 });
  harness.probe.request = undefined;
  harness.probe.event = undefined;
  const { direct = [], relay = [], contract = [] } = echo.latencies;
  const p = (samples: number[], q: number) => `${percentile(samples, q).toFixed(2)} ms`;
  const added = (samples: number[], q: number) => `${(percentile(samples, q) - percentile(direct, q)).toFixed(2)} ms`;
  console.log('| path | p50 | p99 |\n|---|---|---|');
  console.log(`| direct ssh2 round trip | ${p(direct, 50)} | ${p(direct, 99)} |`);
  console.log(`| bare relay (WebSocket ↔ a second process ↔ ssh2; no Batch Deck code) | ${p(relay, 50)} | ${p(relay, 99)} |`);
  console.log(`| through Batch Deck (contract + main + ssh2) | ${p(contract, 50)} | ${p(contract, 99)} |`);
  console.log(`| added by the bare relay: the floor of a renderer/main split | ${added(relay, 50)} | ${added(relay, 99)} |`);
  console.log(`| added by Batch Deck (goal: p99 ≤ 2 ms) | ${added(contract, 50)} | ${added(contract, 99)} |`);
  printBreakdown(echo, probed);
}

/** Where an echo's time goes on each path, from the keystroke marks of the stand-in and main's probe (p50 / p99). */
function printBreakdown(echo: EchoSamples, probed: { requests: number[]; echoes: number[] }): void {
  const { contract = [], direct = [] } = echo.marks;
  if (probed.requests.length !== contract.length || probed.echoes.length !== contract.length) {
    console.log(`\n(No breakdown: main saw ${probed.requests.length} keystrokes and ${probed.echoes.length} echoes for ${contract.length} sent.)`);
    return;
  }
  const row = (label: string, samples: number[]) =>
    console.log(`| ${label} | ${percentile(samples, 50).toFixed(2)} ms | ${percentile(samples, 99).toFixed(2)} ms |`);
  console.log('\nWhere the time goes (the two hops are summed: each process has its own clock, their sum cancels the offset):\n');
  console.log('| part | p50 | p99 |\n|---|---|---|');
  row('direct: keystroke sent → echo arrived (ssh2 ↔ sshd ↔ bash)', direct.map((m) => m.arrivedAt - m.sentAt));
  row('direct: echo arrived → parsed by xterm', direct.map((m) => m.parsedAt - m.arrivedAt));
  row('Batch Deck: main, keystroke at the router → echo emitted (ssh2 ↔ sshd ↔ bash)', contract.map((_, i) => probed.echoes[i]! - probed.requests[i]!));
  row('Batch Deck: the two WebSocket hops (renderer → main, main → renderer)', contract.map((m, i) => probed.requests[i]! - m.sentAt + (m.arrivedAt - probed.echoes[i]!)));
  row('Batch Deck: echo arrived → parsed by xterm', contract.map((m) => m.parsedAt - m.arrivedAt));
}
