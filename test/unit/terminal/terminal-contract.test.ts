import { describe, expect, it } from 'vitest';
import { terminalChannels } from '../../../contract/features/terminal';

const resize = terminalChannels['term:resize'].request;
const id = 'term-0f8fad5b-d9cb-469f-a165-70867728950e';

describe('terminal payloads', () => {
  it('a pane collapsed to zero or a fractional size is clamped to whole cells of at least 1×1', () => {
    expect(resize.parse({ sessionId: id, cols: 0, rows: -3 })).toEqual({ sessionId: id, cols: 1, rows: 1 });
    expect(resize.parse({ sessionId: id, cols: 80.7, rows: 5000 })).toEqual({ sessionId: id, cols: 80, rows: 1000 });
  });

  it('NaN, Infinity or a missing size is refused (the session keeps its size)', () => {
    expect(resize.safeParse({ sessionId: id, cols: Number.NaN, rows: 24 }).success).toBe(false);
    expect(resize.safeParse({ sessionId: id, cols: Number.POSITIVE_INFINITY, rows: 24 }).success).toBe(false);
    expect(resize.safeParse({ sessionId: id, cols: null, rows: 24 }).success).toBe(false);
  });

  it('input needs at least one well-formed session id and some data', () => {
    const input = terminalChannels['term:input'].request;
    expect(input.safeParse({ sessionIds: [], data: 'x' }).success).toBe(false);
    expect(input.safeParse({ sessionIds: ['../../etc'], data: 'x' }).success).toBe(false);
    expect(input.safeParse({ sessionIds: [id], data: '' }).success).toBe(false);
    expect(input.safeParse({ sessionIds: [id], data: 'ls\r' }).success).toBe(true);
  });
});
