import { fail } from './batch-error';

/**
 * A compiled `$filter`: true when an item (in wire shape) matches. `equals` holds the `field eq value` comparisons
 * every match must satisfy (top-level `and` terms), so a listing can test them on its own index before building
 * an item's wire shape.
 */
export type Predicate = ((item: Record<string, unknown>) => boolean) & { equals?: Map<string, unknown> };

function withEquals(predicate: Predicate, equals: Map<string, unknown> | undefined): Predicate {
  if (equals && equals.size > 0) predicate.equals = equals;
  return predicate;
}

type Token = { kind: 'word' | 'string' | 'number' | 'punct'; text: string };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:('(?:[^']|'')*')|(-?\d+(?:\.\d+)?)(?![\w.])|([A-Za-z_$][\w$/.]*)|([(),]))/y;
  let index = 0;
  while (index < input.length) {
    if (/^\s*$/.test(input.slice(index))) break;
    re.lastIndex = index;
    const m = re.exec(input);
    if (!m) throw new Error(`unexpected text at position ${index}`);
    if (m[1] !== undefined) tokens.push({ kind: 'string', text: m[1].slice(1, -1).replace(/''/g, "'") });
    else if (m[2] !== undefined) tokens.push({ kind: 'number', text: m[2] });
    else if (m[3] !== undefined) tokens.push({ kind: 'word', text: m[3] });
    else tokens.push({ kind: 'punct', text: m[4] as string });
    index = re.lastIndex;
  }
  return tokens;
}

function fieldOf(item: Record<string, unknown>, path: string): unknown {
  let value: unknown = item;
  for (const part of path.split('/')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

const COMPARISONS: Record<string, (a: unknown, b: unknown) => boolean> = {
  eq: (a, b) => a === b,
  ne: (a, b) => a !== b,
  gt: (a, b) => (a as number) > (b as number),
  ge: (a, b) => (a as number) >= (b as number),
  lt: (a, b) => (a as number) < (b as number),
  le: (a, b) => (a as number) <= (b as number),
};

const FUNCTIONS: Record<string, (field: unknown, arg: string) => boolean> = {
  startswith: (f, a) => typeof f === 'string' && f.startsWith(a),
  endswith: (f, a) => typeof f === 'string' && f.endsWith(a),
  substringof: (f, a) => typeof f === 'string' && f.includes(a),
};

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Predicate {
    const predicate = this.or();
    if (this.pos < this.tokens.length) throw new Error(`unexpected '${this.tokens[this.pos]?.text}'`);
    return predicate;
  }

  private peekWord(word: string): boolean {
    const t = this.tokens[this.pos];
    return t?.kind === 'word' && t.text.toLowerCase() === word;
  }

  private take(kind?: Token['kind'], text?: string): Token {
    const t = this.tokens[this.pos++];
    if (!t || (kind && t.kind !== kind) || (text && t.text !== text)) throw new Error(`expected ${text ?? kind ?? 'more input'}`);
    return t;
  }

  private or(): Predicate {
    let left = this.and();
    while (this.peekWord('or')) {
      this.pos++;
      const l = left, r = this.and();
      left = (item) => l(item) || r(item);
    }
    return left;
  }

  private and(): Predicate {
    let left = this.unary();
    while (this.peekWord('and')) {
      this.pos++;
      const l = left, r = this.unary();
      left = withEquals((item) => l(item) && r(item), new Map([...(l.equals ?? []), ...(r.equals ?? [])]));
    }
    return left;
  }

  private unary(): Predicate {
    if (this.peekWord('not')) {
      this.pos++;
      const inner = this.unary();
      return (item) => !inner(item);
    }
    const t = this.tokens[this.pos];
    if (t?.kind === 'punct' && t.text === '(') {
      this.pos++;
      const inner = this.or();
      this.take('punct', ')');
      return inner;
    }
    const fn = t?.kind === 'word' ? FUNCTIONS[t.text.toLowerCase()] : undefined;
    if (fn && this.tokens[this.pos + 1]?.text === '(') {
      this.pos += 2;
      const field = this.take('word').text;
      this.take('punct', ',');
      const arg = this.take('string').text;
      this.take('punct', ')');
      return (item) => fn(fieldOf(item, field), arg);
    }
    return this.comparison();
  }

  private comparison(): Predicate {
    const field = this.take('word').text;
    const name = this.take('word').text.toLowerCase();
    const op = COMPARISONS[name];
    if (!op) throw new Error(`unknown operator after '${field}'`);
    const literal = this.literal();
    return withEquals((item) => op(fieldOf(item, field), literal), name === 'eq' ? new Map([[field, literal]]) : undefined);
  }

  private literal(): unknown {
    const t = this.take();
    if (t.kind === 'string') return t.text;
    if (t.kind === 'number') return Number(t.text);
    if (t.kind === 'word' && (t.text === 'true' || t.text === 'false')) return t.text === 'true';
    if (t.kind === 'word' && t.text === 'null') return undefined;
    throw new Error(`expected a value, found '${t.text}'`);
  }
}

/** Compiles an OData `$filter` (eq/ne/gt/ge/lt/le, and/or/not, parentheses, startswith/endswith). */
export function compileFilter(filter: string | undefined): Predicate | undefined {
  if (filter === undefined || filter.trim() === '') return undefined;
  try {
    return new Parser(tokenize(filter)).parse();
  } catch (error) {
    throw fail.invalidQuery('$filter', filter, `The $filter clause is not valid: ${(error as Error).message}.`);
  }
}
