import { describe, expect, it } from 'vitest';
import { OutputPump } from '../../../main/terminal/output-pump';
import { manualClock } from './manual-clock';

function pumpWith(clock = manualClock()) {
  const emitted: string[] = [];
  const flow: string[] = [];
  const time = { ms: 0 };
  const pump = new OutputPump({
    emit: (text) => emitted.push(text),
    pause: () => flow.push('pause'),
    resume: () => flow.push('resume'),
    schedule: clock.schedule,
    now: () => time.ms,
  });
  return { pump, emitted, flow, clock, time };
}

/** The renderer parses `charsPerMs` for `ms`, acknowledging every 20,000 chars, while the source keeps the pump full. */
function renderAtPace(pump: OutputPump, time: { ms: number }, charsPerMs: number, ms: number): void {
  const unit = 20_000;
  const step = unit / charsPerMs;
  for (let elapsed = 0; elapsed < ms; elapsed += step) {
    time.ms += step;
    pump.ack(unit);
    while (!pump.isPaused) pump.push('x'.repeat(unit));
  }
}

describe('output batching', () => {
  it('the first chunk after idle goes out at once, so a keystroke echo is not delayed', () => {
    const { pump, emitted } = pumpWith();
    pump.push('a');
    expect(emitted).toEqual(['a']);
  });

  it('chunks arriving within the window go out together when it closes, then batching stops when idle', () => {
    const { pump, emitted, clock } = pumpWith();
    pump.push('a');
    pump.push('b');
    pump.push('c');
    expect(emitted).toEqual(['a']);
    clock.tick();
    expect(emitted).toEqual(['a', 'bc']);
    clock.tick();
    expect(clock.pending()).toBe(0);
    pump.push('d');
    expect(emitted).toEqual(['a', 'bc', 'd']);
  });

  it('a batch that reaches 32 KiB goes out at once, without waiting for the window to close', () => {
    const { pump, emitted, clock } = pumpWith();
    pump.push('a');
    pump.push('b'.repeat(20_000));
    expect(emitted).toEqual(['a']);
    pump.push('c'.repeat(20_000));
    expect(emitted.map((text) => text.length)).toEqual([1, 40_000]);
    pump.push('d');
    clock.tick();
    expect(emitted.map((text) => text.length)).toEqual([1, 40_000, 1]);
  });

  it('flush sends the batch now (before a resize or an exit)', () => {
    const { pump, emitted, clock } = pumpWith();
    pump.push('a');
    pump.push('b');
    pump.flush();
    expect(emitted).toEqual(['a', 'b']);
    expect(clock.pending()).toBe(0);
  });
});

describe('flow control', () => {
  it('pauses the source above 100,000 unacknowledged chars and resumes below 50,000, while the renderer still has plenty to parse', () => {
    const { pump, flow } = pumpWith();
    pump.push('x'.repeat(60_000));
    pump.push('x'.repeat(40_000));
    expect(flow).toEqual([]);
    pump.push('x');
    expect(flow).toEqual(['pause']);
    pump.push('x'.repeat(10_000));
    expect(flow).toEqual(['pause']);
    // Continuous acknowledgements in 5,000-char units: nothing happens until fewer than 50,000 are in flight.
    for (let i = 0; i < 12; i += 1) pump.ack(5_000);
    expect(pump.unackedChars).toBe(50_001);
    expect(flow).toEqual(['pause']);
    pump.ack(5_000);
    expect(pump.unackedChars).toBe(45_001);
    expect(flow).toEqual(['pause', 'resume']);
    pump.push('x'.repeat(55_000));
    expect(flow).toEqual(['pause', 'resume', 'pause']);
  });

  it('pausing sends the batch at once: nothing more will arrive to join it, and the renderer should not sit idle', () => {
    const { pump, emitted, flow } = pumpWith();
    pump.push('x'.repeat(50_000));
    pump.push('y'.repeat(50_001));
    expect(flow).toEqual(['pause']);
    expect(emitted.map((text) => text[0])).toEqual(['x', 'y']);
  });

  it('a reattaching renderer starts from zero, which resumes a paused source', () => {
    const { pump, flow } = pumpWith();
    pump.push('x'.repeat(100_001));
    pump.resetAcks();
    expect(flow).toEqual(['pause', 'resume']);
    expect(pump.unackedChars).toBe(0);
  });

  it('a renderer that parses fast gets a higher mark, what it parses in 40 ms: 1.2 M chars at 30,000 a ms', () => {
    const { pump, time } = pumpWith();
    pump.push('x'.repeat(100_001));
    renderAtPace(pump, time, 30_000, 500);
    expect(pump.highWaterChars).toBe(1_200_000);
    expect(pump.unackedChars).toBeGreaterThan(600_000);
    expect(pump.unackedChars).toBeLessThanOrEqual(1_200_000 + 20_000);
  });

  it('slow output (5,000 chars a ms, like `yes` lines) keeps 200,000; the mark never goes below 100,000 nor above 2 M', () => {
    const { pump, time } = pumpWith();
    pump.push('x'.repeat(100_001));
    renderAtPace(pump, time, 5_000, 500);
    expect(pump.highWaterChars).toBe(200_000);
    renderAtPace(pump, time, 1_000, 500);
    expect(pump.highWaterChars).toBe(100_000);
    renderAtPace(pump, time, 200_000, 500);
    expect(pump.highWaterChars).toBe(2_000_000);
  });

  it('after an idle stretch the mark is back to 100,000 (a Ctrl-C at the next flood waits for little)', () => {
    const { pump, time } = pumpWith();
    pump.push('x'.repeat(100_001));
    renderAtPace(pump, time, 30_000, 500);
    time.ms += 10_000;
    pump.push('x'.repeat(20_000));
    pump.ack(20_000);
    expect(pump.highWaterChars).toBe(100_000);
  });

  it('acknowledging more than was sent never goes below zero', () => {
    const { pump } = pumpWith();
    pump.push('abc');
    pump.ack(5000);
    expect(pump.unackedChars).toBe(0);
  });
});
