/* eslint-disable no-control-regex -- matching terminal control sequences is what this file is for */
/** A whole escape sequence at the start of the text: CSI, OSC (BEL or ST ended), DCS/SOS/PM/APC strings, or a short ESC. */
const escapeAtStart = /^\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|[ -/]*[0-OQ-WYZ\\`-~])/;
/** Every escape sequence, anywhere. */
const escapes = new RegExp(escapeAtStart.source.slice(1), 'g');
/** Control characters a text file does not want (tab and newline stay; CR and backspace are handled before). */
const controls = /[\x00-\x08\x0b-\x1f\x7f]/g;
/** A sequence cut at a chunk's end is held back at most this long (a runaway OSC must not hold everything). */
const maxHeldChars = 4096;

/**
 * Turns terminal output into plain text, chunk by chunk: escape sequences removed (also when split across chunks),
 * CRLF to LF, backspaces applied, other control characters dropped.
 */
export class EscapeStripper {
  private held = '';

  /** Plain text of this chunk (a sequence cut at its end comes out with the next chunk). */
  write(chunk: string): string {
    let text = this.held + chunk;
    this.held = '';
    const lastEscape = text.lastIndexOf('\x1b');
    if (lastEscape !== -1 && text.length - lastEscape < maxHeldChars && !escapeAtStart.test(text.slice(lastEscape))) {
      this.held = text.slice(lastEscape);
      text = text.slice(0, lastEscape);
    }
    return plain(text);
  }

  /** Whatever was held back, as text. */
  end(): string {
    const rest = plain(this.held);
    this.held = '';
    return rest;
  }
}

function plain(text: string): string {
  let out = text.replace(escapes, '').replace(/\r+\n/g, '\n').replace(/\r/g, '');
  // Apply backspaces (a shell's line editing) to what precedes them on the same line.
  for (let previous = ''; previous !== out; ) {
    previous = out;
    out = out.replace(/[^\n\x08]\x08/g, '');
  }
  return out.replace(controls, '');
}
