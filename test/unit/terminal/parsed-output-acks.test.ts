import { describe, expect, it } from 'vitest';
import { ParsedOutputAcks } from '../../../contract/terminal-acks';

function acksWith() {
  const sent: number[] = [];
  const clock = { ms: 0 };
  const timers: { at: number; run: () => void }[] = [];
  const acks = new ParsedOutputAcks(
    (chars) => sent.push(chars),
    () => clock.ms,
    (run, ms) => void timers.push({ at: clock.ms + ms, run }),
  );
  /** Moves the clock on, running the timers that fall due. */
  const advance = (ms: number) => {
    clock.ms += ms;
    for (const timer of timers.filter((t) => t.at <= clock.ms)) {
      timers.splice(timers.indexOf(timer), 1);
      timer.run();
    }
  };
  return { acks, sent, advance, timers };
}

describe('acknowledging parsed terminal output', () => {
  it('acknowledges whole 20,000-char units and keeps the remainder for later', () => {
    const { acks, sent } = acksWith();
    acks.parsedChars(19_999);
    expect(sent).toEqual([]);
    acks.parsedChars(25_001);
    expect(sent).toEqual([40_000]);
  });

  it('bulk output within 10 ms is acknowledged once when the 10 ms are over, not per chunk', () => {
    const { acks, sent, advance } = acksWith();
    acks.parsedChars(32_768);
    expect(sent).toEqual([20_000]);
    for (let i = 0; i < 3; i++) {
      advance(3);
      acks.parsedChars(32_768);
    }
    expect(sent).toEqual([20_000]);
    advance(1);
    expect(sent).toEqual([20_000, 100_000]);
  });

  it('what the interval held back goes when it ends even if no more output comes (main may be paused waiting for it)', () => {
    const { acks, sent, advance, timers } = acksWith();
    acks.parsedChars(100_001);
    acks.parsedChars(60_000);
    expect(sent).toEqual([100_000]);
    advance(10);
    expect(sent).toEqual([100_000, 60_000]);
    expect(timers).toHaveLength(0);
  });

  it('less than a unit is never acknowledged on its own, and a restored screen starts from zero', () => {
    const { acks, sent, advance } = acksWith();
    acks.parsedChars(15_000);
    advance(100);
    expect(sent).toEqual([]);
    acks.reset();
    acks.parsedChars(15_000);
    expect(sent).toEqual([]);
  });
});
