import headless from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { serializeScreen } from '../../../main/terminal/serialize-screen';

function terminal(cols = 40, rows = 6): headless.Terminal {
  return new headless.Terminal({ cols, rows, scrollback: 100, allowProposedApi: true });
}

function write(t: headless.Terminal, data: string): Promise<void> {
  return new Promise((resolve) => t.write(data, resolve));
}

/** Every line of the active buffer with each cell's text and attributes, to compare two terminals exactly. */
function dump(t: headless.Terminal): string[] {
  const buffer = t.buffer.active;
  const cell = buffer.getNullCell();
  const lines: string[] = [];
  for (let y = 0; y < buffer.length; y += 1) {
    const line = buffer.getLine(y)!;
    let out = line.isWrapped ? '~' : '';
    for (let x = 0; x < t.cols; x += 1) {
      line.getCell(x, cell);
      out += `${cell.getChars() || ' '}${cell.isAttributeDefault() ? '' : `{${cell.getFgColor()},${cell.getBgColor()},${cell.isBold()}${cell.isInverse()}${cell.isFgRGB()}}`}`;
    }
    lines.push(out.trimEnd());
  }
  return [...lines, `cursor ${buffer.cursorX},${buffer.cursorY} ${buffer.type}`];
}

async function roundTrip(source: headless.Terminal): Promise<headless.Terminal> {
  const copy = terminal(source.cols, source.rows);
  await write(copy, serializeScreen(source));
  return copy;
}

describe('screen snapshot for a reloaded renderer', () => {
  it('restores text, colours, bold, inverse, true colour and the cursor position', async () => {
    const source = terminal();
    await write(source, 'plain\r\n\x1b[1;31mbold red\x1b[0m and \x1b[7minverse\x1b[0m\r\n\x1b[38;2;10;20;30;48;5;200mrgb on 200\x1b[0m\r\n$ typed');
    expect(dump(await roundTrip(source))).toEqual(dump(source));
  });

  it('restores scrollback and soft-wrapped long lines', async () => {
    const source = terminal(20, 4);
    let text = '';
    for (let i = 0; i < 30; i += 1) text += `line ${i}\r\n`;
    text += 'x'.repeat(45);
    await write(source, text);
    const copy = await roundTrip(source);
    expect(dump(copy)).toEqual(dump(source));
  });

  it('restores wide characters and multi-byte text', async () => {
    const source = terminal();
    await write(source, '日本語 ok €\r\nnext');
    expect(dump(await roundTrip(source))).toEqual(dump(source));
  });

  it('restores a full-screen app on the alternate screen with the shell underneath', async () => {
    const source = terminal();
    await write(source, 'shell line\r\n$ vim\x1b[?1049h\x1b[H\x1b[2Jfile content\x1b[3;5H');
    const copy = await roundTrip(source);
    expect(copy.buffer.active.type).toBe('alternate');
    expect(dump(copy)).toEqual(dump(source));
    await write(source, '\x1b[?1049l');
    await write(copy, '\x1b[?1049l');
    expect(dump(copy)).toEqual(dump(source));
  });

  it('restores input modes an app switched on (bracketed paste, application cursor keys, mouse tracking)', async () => {
    const source = terminal();
    await write(source, '\x1b[?2004h\x1b[?1h\x1b[?1002h');
    const copy = await roundTrip(source);
    expect(copy.modes.bracketedPasteMode).toBe(true);
    expect(copy.modes.applicationCursorKeysMode).toBe(true);
    expect(copy.modes.mouseTrackingMode).toBe('drag');
  });
});
