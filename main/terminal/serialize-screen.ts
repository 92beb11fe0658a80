import type { IBuffer, IBufferCell, Terminal } from '@xterm/headless';

/**
 * Serialises a headless xterm into escape sequences that rebuild it in a fresh xterm: scrollback and screen with
 * colours and attributes, soft wraps, the cursor, the alternate screen, and the input modes apps switch on
 * (application cursor keys and keypad, bracketed paste, mouse tracking, focus events). Scroll regions and the mouse
 * encoding are not readable from xterm's public API; apps that use them redraw on their next update (or Ctrl-L).
 */
export function serializeScreen(terminal: Terminal): string {
  const normal = terminal.buffer.normal;
  let out = serializeBuffer(normal, terminal.cols);
  out += cursorTo(normal);
  if (terminal.buffer.active.type === 'alternate') {
    const alternate = terminal.buffer.alternate;
    // 1049h saves the cursor just placed and switches to a cleared alternate screen, as the app did.
    out += '\x1b[?1049h\x1b[H' + serializeBuffer(alternate, terminal.cols) + cursorTo(alternate);
  }
  return out + modes(terminal);
}

/** Every line of one buffer, with CRLF between lines unless the next one is a soft wrap of it. */
function serializeBuffer(buffer: IBuffer, cols: number): string {
  const parts: string[] = [];
  const cell = buffer.getNullCell();
  let current = '';
  for (let y = 0; y < buffer.length; y += 1) {
    const line = buffer.getLine(y);
    if (!line) continue;
    const wrapsOn = buffer.getLine(y + 1)?.isWrapped ?? false;
    // Trailing blanks with default attributes are dropped, except on a line that soft-wraps (it must fill the width).
    let end = cols;
    if (!wrapsOn) {
      while (end > 0) {
        line.getCell(end - 1, cell);
        if (cell.getChars() !== '' && cell.getChars() !== ' ') break;
        if (!cell.isAttributeDefault()) break;
        end -= 1;
      }
    }
    let text = '';
    for (let x = 0; x < end; x += 1) {
      line.getCell(x, cell);
      if (cell.getWidth() === 0) continue;
      const sgr = sgrOf(cell);
      if (sgr !== current) {
        text += `\x1b[${sgr}m`;
        current = sgr;
      }
      text += cell.getChars() || ' ';
    }
    if (y < buffer.length - 1 && !wrapsOn) {
      // Reset before the line break so a background colour does not paint the next (scrolled-in) line.
      if (current !== '0') {
        text += '\x1b[0m';
        current = '0';
      }
      text += '\r\n';
    }
    parts.push(text);
  }
  if (current !== '0') parts.push('\x1b[0m');
  return parts.join('');
}

/** The SGR parameters that reproduce a cell's colours and attributes (`0` for the default look). */
function sgrOf(cell: IBufferCell): string {
  if (cell.isAttributeDefault()) return '0';
  const codes = ['0'];
  if (cell.isBold()) codes.push('1');
  if (cell.isDim()) codes.push('2');
  if (cell.isItalic()) codes.push('3');
  if (cell.isUnderline()) codes.push('4');
  if (cell.isBlink()) codes.push('5');
  if (cell.isInverse()) codes.push('7');
  if (cell.isInvisible()) codes.push('8');
  if (cell.isStrikethrough()) codes.push('9');
  if (cell.isOverline()) codes.push('53');
  if (cell.isFgRGB()) codes.push(`38;2;${rgb(cell.getFgColor())}`);
  else if (cell.isFgPalette()) codes.push(paletteCode(cell.getFgColor(), 30, 90, '38'));
  if (cell.isBgRGB()) codes.push(`48;2;${rgb(cell.getBgColor())}`);
  else if (cell.isBgPalette()) codes.push(paletteCode(cell.getBgColor(), 40, 100, '48'));
  return codes.join(';');
}

/** A palette colour as the shortest SGR code: 30–37 / 90–97 for the 16 base colours, 38;5;n otherwise. */
function paletteCode(color: number, base: number, bright: number, extended: string): string {
  if (color < 8) return String(base + color);
  if (color < 16) return String(bright + color - 8);
  return `${extended};5;${color}`;
}

/** `r;g;b` of a 0xRRGGBB colour. */
function rgb(color: number): string {
  return `${(color >> 16) & 0xff};${(color >> 8) & 0xff};${color & 0xff}`;
}

/** Moves the cursor to where the buffer has it (rows/cols are 1-based in CUP). */
function cursorTo(buffer: IBuffer): string {
  return `\x1b[${buffer.cursorY + 1};${buffer.cursorX + 1}H`;
}

/** DECSET sequences for the modes that differ from a fresh terminal. */
function modes(terminal: Terminal): string {
  const m = terminal.modes;
  let out = '';
  if (m.applicationCursorKeysMode) out += '\x1b[?1h';
  if (m.applicationKeypadMode) out += '\x1b[?66h';
  if (m.bracketedPasteMode) out += '\x1b[?2004h';
  if (m.insertMode) out += '\x1b[4h';
  if (m.sendFocusMode) out += '\x1b[?1004h';
  if (m.reverseWraparoundMode) out += '\x1b[?45h';
  if (!m.wraparoundMode) out += '\x1b[?7l';
  const mouse = { none: '', x10: '\x1b[?9h', vt200: '\x1b[?1000h', drag: '\x1b[?1002h', any: '\x1b[?1003h' } as const;
  return out + mouse[m.mouseTrackingMode];
}
