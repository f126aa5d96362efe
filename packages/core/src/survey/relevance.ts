/**
 * Skip logic (XLSForm `relevant`) of a questionnaire: a small parser and evaluator, never `eval`.
 * Grammar: `${q} = 'x'`, `!=`, `<`, `<=`, `>`, `>=` (numbers), `selected(${q}, 'x')`, `and`, `or`,
 * `not(...)`, parentheses, string ('x' or "x") and number literals. An unanswered question reads
 * as the empty string, as in XLSForm.
 */
import { compareRational, rationalFromDecimal } from '../decimal/rational.ts';
import { parseDecimal } from '../decimal/parse.ts';

export type RelevanceOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type RelevanceOperand =
  | { readonly kind: 'ref'; readonly name: string; readonly position: number }
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'number'; readonly value: string };

export type RelevanceExpr =
  | { readonly kind: 'and' | 'or'; readonly left: RelevanceExpr; readonly right: RelevanceExpr }
  | { readonly kind: 'not'; readonly operand: RelevanceExpr }
  | { readonly kind: 'compare'; readonly op: RelevanceOperator; readonly left: RelevanceOperand; readonly right: RelevanceOperand }
  | { readonly kind: 'selected'; readonly question: string; readonly position: number; readonly choice: string };

/** A parse error: 1-based character position in the expression, Vietnamese message. */
export interface RelevanceError {
  readonly position: number;
  readonly message: string;
}

export type RelevanceParse = { readonly expr: RelevanceExpr } | { readonly error: RelevanceError };

type Token =
  | { readonly kind: 'ref' | 'text' | 'number' | 'word'; readonly value: string; readonly at: number }
  | { readonly kind: 'op'; readonly value: RelevanceOperator; readonly at: number }
  | { readonly kind: '(' | ')' | ',' | 'end'; readonly value: string; readonly at: number };

/** Longest expressions and deepest nesting accepted: keeps the parser's work and stack bounded. */
const MAX_LENGTH = 2000;
const MAX_DEPTH = 20;

class RelevanceSyntaxError {
  constructor(readonly position: number, readonly message: string) {}
}

const fail = (at: number, message: string): never => {
  throw new RelevanceSyntaxError(at + 1, message);
};

const OPERATORS: readonly RelevanceOperator[] = ['<=', '>=', '!=', '=', '<', '>'];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '$') {
      const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(text.slice(i, i + 80));
      if (!m) fail(i, 'tham chiếu câu hỏi phải viết ${ten_cau}');
      tokens.push({ kind: 'ref', value: m![1]!, at: i });
      i += m![0].length;
    } else if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) fail(i, 'chuỗi chưa đóng dấu nháy');
      tokens.push({ kind: 'text', value: text.slice(i + 1, end), at: i });
      i = end + 1;
    } else if (/[0-9.-]/.test(c)) {
      const m = /^-?\d+(\.\d+)?/.exec(text.slice(i, i + 40));
      if (!m) fail(i, `không hiểu “${c}”`);
      tokens.push({ kind: 'number', value: m![0], at: i });
      i += m![0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i, i + 40))!;
      tokens.push({ kind: 'word', value: m[0], at: i });
      i += m[0].length;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c, value: c, at: i });
      i++;
    } else if (text.startsWith('==', i)) {
      fail(i, 'so sánh bằng viết một dấu “=”, không phải “==”');
    } else if (text.startsWith('&&', i) || text.startsWith('||', i)) {
      fail(i, `viết “${c === '&' ? 'and' : 'or'}” thay cho “${c}${c}”`);
    } else {
      const op = OPERATORS.find((o) => text.startsWith(o, i));
      if (!op) fail(i, `không hiểu ký tự “${c}”`);
      tokens.push({ kind: 'op', value: op!, at: i });
      i += op!.length;
    }
  }
  tokens.push({ kind: 'end', value: '', at: text.length });
  return tokens;
}

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  private peek(): Token {
    return this.tokens[this.i]!;
  }

  private next(): Token {
    const t = this.tokens[this.i]!;
    if (t.kind !== 'end') this.i++;
    return t;
  }

  private expect(kind: Token['kind'], what: string): Token {
    const t = this.next();
    if (t.kind !== kind) fail(t.at, `cần ${what}`);
    return t;
  }

  private isWord(word: string): boolean {
    const t = this.peek();
    return t.kind === 'word' && t.value.toLowerCase() === word;
  }

  parseAll(): RelevanceExpr {
    const e = this.or();
    const t = this.peek();
    if (t.kind !== 'end') fail(t.at, `thừa “${t.value}”`);
    return e;
  }

  /** `and` binds tighter than `or`, as in XLSForm. */
  private or(): RelevanceExpr {
    return this.chain('or', () => this.and());
  }

  private and(): RelevanceExpr {
    return this.chain('and', () => this.primary());
  }

  private chain(kind: 'and' | 'or', operand: () => RelevanceExpr): RelevanceExpr {
    let left = operand();
    while (this.isWord(kind)) {
      this.next();
      left = { kind, left, right: operand() };
    }
    return left;
  }

  private nested<T>(at: number, inner: () => T): T {
    if (++this.depth > MAX_DEPTH) fail(at, `lồng quá ${MAX_DEPTH} cấp ngoặc`);
    const r = inner();
    this.depth--;
    return r;
  }

  private primary(): RelevanceExpr {
    const t = this.peek();
    if (t.kind === '(') {
      this.next();
      const e = this.nested(t.at, () => this.or());
      this.expect(')', 'dấu “)”');
      return e;
    }
    if (this.isWord('not')) {
      this.next();
      this.expect('(', 'dấu “(” sau not');
      const operand = this.nested(t.at, () => this.or());
      this.expect(')', 'dấu “)”');
      return { kind: 'not', operand };
    }
    if (this.isWord('selected')) {
      this.next();
      this.expect('(', 'dấu “(” sau selected');
      const ref = this.expect('ref', 'câu hỏi ${ten_cau} trong selected(...)');
      this.expect(',', 'dấu “,” trong selected(...)');
      const choice = this.expect('text', "lựa chọn trong dấu nháy, ví dụ 'co'");
      this.expect(')', 'dấu “)”');
      return { kind: 'selected', question: ref.value, position: ref.at + 1, choice: choice.value };
    }
    const left = this.operand();
    const op = this.next();
    if (op.kind !== 'op') fail(op.at, 'cần phép so sánh (=, !=, <, <=, >, >=)');
    return { kind: 'compare', op: op.value as RelevanceOperator, left, right: this.operand() };
  }

  private operand(): RelevanceOperand {
    const t = this.next();
    switch (t.kind) {
      case 'ref':
        return { kind: 'ref', name: t.value, position: t.at + 1 };
      case 'text':
        return { kind: 'text', value: t.value };
      case 'number':
        return { kind: 'number', value: t.value };
      default:
        return fail(t.at, t.kind === 'end' ? 'biểu thức chưa hết' : `không hiểu “${t.value}”`);
    }
  }
}

/** Parses a `relevant` expression; never throws: a malformed one gives its first error. */
export function parseRelevance(text: string): RelevanceParse {
  if (text.length > MAX_LENGTH) return { error: { position: MAX_LENGTH, message: `biểu thức dài quá ${MAX_LENGTH} ký tự` } };
  try {
    return { expr: new Parser(tokenize(text)).parseAll() };
  } catch (e) {
    if (e instanceof RelevanceSyntaxError) return { error: { position: e.position, message: e.message } };
    throw e;
  }
}

type RelevanceTest = Extract<RelevanceExpr, { kind: 'compare' | 'selected' }>;

/** The comparisons and `selected(...)` tests of an expression, left to right. */
function testsOf(expr: RelevanceExpr): RelevanceTest[] {
  switch (expr.kind) {
    case 'and':
    case 'or':
      return [...testsOf(expr.left), ...testsOf(expr.right)];
    case 'not':
      return testsOf(expr.operand);
    default:
      return [expr];
  }
}

/** Questions an expression refers to, with the 1-based position of each reference. */
export function relevanceReferences(expr: RelevanceExpr): { name: string; position: number }[] {
  return testsOf(expr).flatMap((t) => t.kind === 'selected'
    ? [{ name: t.question, position: t.position }]
    : [t.left, t.right].flatMap((o) => (o.kind === 'ref' ? [{ name: o.name, position: o.position }] : [])));
}

/** Choices named by `selected(${q}, 'x')` in an expression, to check them against q's list. */
export function relevanceSelections(expr: RelevanceExpr): { question: string; choice: string; position: number }[] {
  return testsOf(expr).flatMap((t) => (t.kind === 'selected' ? [{ question: t.question, choice: t.choice, position: t.position }] : []));
}

function operandValue(o: RelevanceOperand, answer: (name: string) => string): string {
  return o.kind === 'ref' ? answer(o.name) : o.value;
}

/** Cheap test before parsing: most compared answers are choice names, not numbers. */
const NUMERIC_START = /^\s*[-+]?[\d.,]/;

function asNumber(text: string) {
  return NUMERIC_START.test(text) ? parseDecimal(text) : null;
}

function compareValues(op: RelevanceOperator, left: string, right: string): boolean {
  const a = asNumber(left);
  const b = a && asNumber(right);
  if (a && b) {
    const c = compareRational(rationalFromDecimal(a), rationalFromDecimal(b));
    switch (op) {
      case '=': return c === 0;
      case '!=': return c !== 0;
      case '<': return c < 0;
      case '<=': return c <= 0;
      case '>': return c > 0;
      case '>=': return c >= 0;
    }
  }
  // Not two numbers: equality on the text; an order comparison is false.
  if (op === '=') return left === right;
  if (op === '!=') return left !== right;
  return false;
}

/** Evaluates a parsed expression; `answer` gives a question's (normalised) answer, '' when none. */
export function evaluateRelevance(expr: RelevanceExpr, answer: (name: string) => string): boolean {
  switch (expr.kind) {
    case 'and':
      return evaluateRelevance(expr.left, answer) && evaluateRelevance(expr.right, answer);
    case 'or':
      return evaluateRelevance(expr.left, answer) || evaluateRelevance(expr.right, answer);
    case 'not':
      return !evaluateRelevance(expr.operand, answer);
    case 'selected':
      return answer(expr.question).split(/\s+/).includes(expr.choice);
    case 'compare':
      return compareValues(expr.op, operandValue(expr.left, answer), operandValue(expr.right, answer));
  }
}
