import { describe, expect, it } from 'vitest';
import { wholeCharacters } from '../../../main/batch/utf8-range';

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

describe('cutting a log slice on whole UTF-8 characters', () => {
  it('skips the tail of a character that began before the slice', () => {
    const all = bytes('aé€😀z');
    for (let start = 0; start < all.length; start++) {
      const slice = all.subarray(start);
      const { skipHead } = wholeCharacters(slice, start === 0, true);
      const text = Buffer.from(slice.subarray(skipHead)).toString('utf8');
      expect(text).not.toContain('\uFFFD');
      expect('aé€😀z'.endsWith(text)).toBe(true);
    }
  });

  it('drops a character cut short at the end unless the slice reaches the end of the file', () => {
    const all = bytes('x😀');
    for (let end = 1; end <= all.length; end++) {
      const slice = all.subarray(0, end);
      const { dropTail } = wholeCharacters(slice, true, end === all.length);
      const text = Buffer.from(slice.subarray(0, slice.length - dropTail)).toString('utf8');
      expect(text).toBe(end === all.length ? 'x😀' : 'x');
    }
  });

  it('leaves plain ASCII alone', () => {
    expect(wholeCharacters(bytes('hello'), false, false)).toEqual({ skipHead: 0, dropTail: 0 });
  });
});
