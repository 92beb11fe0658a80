import { describe, expect, it } from 'vitest';
import { defaultPasswordLength, generatePassword, passwordClasses, passwordEntropyBits } from '../../../main/provision/password-generator';

describe('generated node passwords', () => {
  it('are 24 characters with upper, lower, digit and symbol, so Windows nodes accept them too', () => {
    for (let i = 0; i < 500; i++) {
      const password = generatePassword();
      expect(password).toHaveLength(defaultPasswordLength);
      for (const set of passwordClasses) expect([...password].some((c) => set.includes(c))).toBe(true);
    }
  });

  it('carry well over 128 bits of entropy by default', () => {
    expect(passwordEntropyBits(defaultPasswordLength)).toBeGreaterThan(128);
  });

  it('never contain characters a shell or an RDP file would mangle', () => {
    for (let i = 0; i < 500; i++) expect(generatePassword()).not.toMatch(/[\s'"`$\\]/);
  });

  it('do not repeat and use the whole alphabet evenly enough', () => {
    const seen = new Set<string>();
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const password = generatePassword();
      seen.add(password);
      for (const c of password) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    expect(seen.size).toBe(2000);
    const alphabet = passwordClasses.join('');
    expect(counts.size).toBe(alphabet.length);
    const expected = (2000 * defaultPasswordLength) / alphabet.length;
    // Guaranteed class members skew small classes up a little; nothing should be missing or dominate.
    for (const n of counts.values()) expect(n).toBeGreaterThan(expected * 0.5);
    for (const n of counts.values()) expect(n).toBeLessThan(expected * 3);
  });

  it('refuse lengths that cannot hold every class or exceed what Batch accepts', () => {
    expect(() => generatePassword(3)).toThrow(RangeError);
    expect(() => generatePassword(124)).toThrow(RangeError);
    expect(generatePassword(4)).toHaveLength(4);
  });
});
