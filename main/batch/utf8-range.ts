/**
 * Where whole UTF-8 characters begin and end inside a byte range cut from the middle of a file, so a tail of a big
 * log never shows a broken character and the next range starts exactly where this one stopped.
 */
export function wholeCharacters(bytes: Uint8Array, atFileStart: boolean, atFileEnd: boolean): { skipHead: number; dropTail: number } {
  let skipHead = 0;
  // Continuation bytes (10xxxxxx) at the start belong to a character that began before the range.
  if (!atFileStart) while (skipHead < Math.min(3, bytes.length) && ((bytes[skipHead] as number) & 0xc0) === 0x80) skipHead++;
  let dropTail = 0;
  if (!atFileEnd) {
    // Walk back over at most 3 continuation bytes to the lead byte; drop the character if it is cut short.
    let i = bytes.length - 1;
    while (i >= skipHead && bytes.length - 1 - i < 3 && ((bytes[i] as number) & 0xc0) === 0x80) i--;
    if (i >= skipHead) {
      const lead = bytes[i] as number;
      const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
      const have = bytes.length - i;
      if (have < need) dropTail = have;
    }
  }
  return { skipHead, dropTail };
}
