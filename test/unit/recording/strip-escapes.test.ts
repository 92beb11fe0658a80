import { describe, expect, it } from 'vitest';
import { EscapeStripper } from '../../../main/recording/strip-escapes';

describe('transcript text', () => {
  it('drops colours, cursor moves, titles and bracketed paste, keeps the words and line breaks', () => {
    const s = new EscapeStripper();
    const text = s.write('\x1b]0;user@node: ~\x07\x1b[?2004h$ \x1b[1;32mhello\x1b[0m\r\n\x1b[2K\x1b[1Gnext\r\n');
    expect(text + s.end()).toBe('$ hello\nnext\n');
  });

  it('a sequence split across two chunks is still removed whole', () => {
    const s = new EscapeStripper();
    expect(s.write('red: \x1b[3')).toBe('red: ');
    expect(s.write('1mRED\x1b[0m done')).toBe('RED done');
  });

  it('applies backspaces as line editing does', () => {
    expect(new EscapeStripper().write('ecoo\x08\x08ho hi\n')).toBe('echo hi\n');
  });
});
