import { describe, expect, it } from 'vitest';
import { OutputPump } from '../../../main/terminal/output-pump';
import { manualClock } from './manual-clock';

function pumpWith(clock = manualClock()) {
  const emitted: string[] = [];
  const flow: string[] = [];
  const pump = new OutputPump({
    emit: (text) => emitted.push(text),
    pause: () => flow.push('pause'),
    resume: () => flow.push('resume'),
    schedule: clock.schedule,
  });
  return { pump, emitted, flow, clock };
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

  it('acknowledging more than was sent never goes below zero', () => {
    const { pump } = pumpWith();
    pump.push('abc');
    pump.ack(5000);
    expect(pump.unackedChars).toBe(0);
  });
});
