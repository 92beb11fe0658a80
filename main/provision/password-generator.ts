import { randomInt } from 'node:crypto';

/**
 * The alphabet of generated node passwords, by class. Every class is always present so the password meets Windows'
 * complexity rule (Batch refuses weaker ones on Windows nodes). Symbols that shells, URLs or RDP files treat
 * specially (quotes, backslash, space, `$`, backtick) are left out so the password survives copy and paste.
 */
export const passwordClasses = [
  'ABCDEFGHJKLMNPQRSTUVWXYZ',
  'abcdefghijkmnopqrstuvwxyz',
  '23456789',
  '!#%*+-=?@^_~',
] as const;

/** Default length: 24 characters of this alphabet carry about 148 bits of entropy. */
export const defaultPasswordLength = 24;

/** Entropy of a uniformly random password of `length` over the whole alphabet, in bits (upper bound). */
export function passwordEntropyBits(length: number): number {
  return length * Math.log2(passwordClasses.join('').length);
}

/**
 * A strong random password from the OS's CSPRNG: one character of each class, the rest from the whole alphabet,
 * then shuffled (Fisher-Yates) so the class positions are random too.
 */
export function generatePassword(length = defaultPasswordLength, random: (max: number) => number = randomInt): string {
  if (!Number.isInteger(length) || length < passwordClasses.length || length > 123) {
    throw new RangeError(`Password length must be ${passwordClasses.length}-123, got ${length}`);
  }
  const all = passwordClasses.join('');
  const chars = passwordClasses.map((set) => set[random(set.length)] as string);
  while (chars.length < length) chars.push(all[random(all.length)] as string);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join('');
}
