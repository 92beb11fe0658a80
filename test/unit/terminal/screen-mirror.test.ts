import headless from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { controlsOnly, splitCutOff } from '../../../main/terminal/control-sequences';
import { ScreenMirror } from '../../../main/terminal/screen-mirror';
import { manualClock } from './manual-clock';

/** What a fresh renderer shows after restoring `screen`: the visible lines and the modes it switched on. */
async function restored(screen: string, cols = 40, rows = 6): Promise<{ lines: string[]; t: headless.Terminal }> {
  const t = new headless.Terminal({ cols, rows, scrollback: 100, allowProposedApi: true });
  await new Promise<void>((resolve) => t.write(screen, resolve));
  const buffer = t.buffer.active;
  const lines: string[] = [];
  for (let y = buffer.baseY; y < buffer.baseY + rows; y += 1) lines.push(buffer.getLine(y)?.translateToString(true) ?? '');
  return { lines, t };
}

describe('lazy screen mirror', () => {
  it('an interactive session restores exactly: a full-screen app drawn once and updated a little since', async () => {
    const clock = manualClock();
    const mirror = new ScreenMirror(40, 6, { schedule: clock.schedule, backlogChars: 1000 });
    mirror.write('$ vim notes\r\n');
    mirror.write('\x1b[?1049h\x1b[H\x1b[2J\x1b[1;32mline one\x1b[0m\r\nline two\r\n~\r\n~');
    clock.tick();
    // Hours of small updates (a clock in the corner) never outrun the slices, so the first drawing is still there.
    for (let i = 0; i < 200; i += 1) {
      mirror.write(`\x1b[6;30H${String(i).padStart(4, '0')}`);
      if (i % 5 === 0) clock.tick();
    }
    const { lines, t } = await restored(await mirror.snapshot());
    expect(lines.slice(0, 2)).toEqual(['line one', 'line two']);
    expect(lines[5]).toContain('0199');
    expect(t.buffer.active.type).toBe('alternate');
    mirror.dispose();
  });

  it('a flood bigger than the backlog keeps memory bounded and restores its last lines and the modes set before and during it', async () => {
    const clock = manualClock();
    const mirror = new ScreenMirror(40, 6, { schedule: clock.schedule, backlogChars: 2000 });
    mirror.write('\x1b[?2004h$ yes\r\n');
    let most = 0;
    for (let i = 0; i < 5000; i += 1) {
      mirror.write(i === 2500 ? '\x1b[?1h\x1b[31my\r\n' : 'y\r\n');
      most = Math.max(most, mirror.unparsedChars);
    }
    mirror.write('^C\r\n$ ');
    expect(most).toBeLessThanOrEqual(2000 + 16);
    const { lines, t } = await restored(await mirror.snapshot());
    expect(lines.map((line) => line.trimEnd())).toEqual(['y', 'y', 'y', 'y', '^C', '$']);
    expect(t.modes.bracketedPasteMode).toBe(true);
    expect(t.modes.applicationCursorKeysMode).toBe(true);
    mirror.dispose();
  });

  it('a sequence split between two chunks at the edge of what is skimmed still takes effect', async () => {
    const mirror = new ScreenMirror(40, 6, { schedule: manualClock().schedule, backlogChars: 10 });
    mirror.write('0123456789\x1b[?10');
    mirror.write('49h');
    for (let i = 0; i < 20; i += 1) mirror.write('filler....');
    mirror.write('\x1b[H\x1b[2Jalt screen');
    const { lines, t } = await restored(await mirror.snapshot());
    expect(t.buffer.active.type).toBe('alternate');
    expect(lines[0]).toBe('alt screen');
    mirror.dispose();
  });

  it('resizes apply in stream order: text written before a resize wraps at the old width', async () => {
    const mirror = new ScreenMirror(10, 4, { schedule: manualClock().schedule });
    // The alternate screen is not reflowed on resize, so the old wrap stays visible.
    mirror.write('\x1b[?1049habcdefghijklmno');
    mirror.resize(20, 4);
    mirror.write('\r\nABCDEFGHIJKLMNO');
    const { lines } = await restored(await mirror.snapshot(), 20, 4);
    expect(lines.slice(0, 3).map((line) => line.trimEnd())).toEqual(['abcdefghij', 'klmno', 'ABCDEFGHIJKLMNO']);
    mirror.dispose();
  });
});

describe('control sequences', () => {
  it('keeps CSI, OSC, DCS, plain ESC sequences and charset shifts in order and drops the text around them', () => {
    const text = 'a\x1b[1;31mred\x1b]0;title\x07b\x1bP1$r\x1b\\c\x1b7\x0e\x0fd\r\n\x1b(B';
    expect(controlsOnly(text)).toEqual({ head: '\x1b[1;31m\x1b]0;title\x07\x1bP1$r\x1b\\\x1b7\x0e\x0f\x1b(B', rest: '' });
  });

  it('hands back a sequence cut off at the end, including an OSC whose ST is cut in half', () => {
    expect(controlsOnly('x\x1b[3')).toEqual({ head: '', rest: '\x1b[3' });
    expect(splitCutOff('x\x1b[3')).toEqual({ head: 'x', rest: '\x1b[3' });
    expect(splitCutOff('x\x1b]0;title\x1b')).toEqual({ head: 'x', rest: '\x1b]0;title\x1b' });
    expect(splitCutOff('x\x1b]0;title\x1b\\y')).toEqual({ head: 'x\x1b]0;title\x1b\\y', rest: '' });
    expect(splitCutOff('x\x1b[31my')).toEqual({ head: 'x\x1b[31my', rest: '' });
  });
});
