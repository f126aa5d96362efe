import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RelevanceExpr, evaluateRelevance, parseRelevance, visibleQuestions } from '../src/index.ts';
import { scoredQuestionnaire } from './survey-fixtures.ts';

function holds(text: string, answers: Record<string, string>): boolean {
  const parsed = parseRelevance(text);
  if ('error' in parsed) throw new Error(parsed.error.message);
  return evaluateRelevance(parsed.expr, (name) => answers[name] ?? '');
}

describe('skip logic expressions', () => {
  it('compares text, numbers exactly, multiple choices, with and/or/not and parentheses', () => {
    expect(holds("${a} = 'co'", { a: 'co' })).toBe(true);
    expect(holds('${a} != "co"', { a: 'co' })).toBe(false);
    expect(holds("${a} = ''", {})).toBe(true);
    expect(holds('${n} >= 3', { n: '3.0' })).toBe(true);
    expect(holds('${n} < 0.3', { n: '0.29999999999999999' })).toBe(true);
    expect(holds('${n} > 2', { n: '' })).toBe(false);
    expect(holds('${n} > 2', { n: 'abc' })).toBe(false);
    expect(holds('${n} = 2', { n: '2.00' })).toBe(true);
    expect(holds('${n} <= -1', { n: '-1' })).toBe(true);
    expect(holds("selected(${k}, 'b')", { k: 'a b c' })).toBe(true);
    expect(holds("selected(${k}, 'b')", { k: 'ab' })).toBe(false);
    expect(holds("not(${a} = 'x') and (${b} = 'y' or ${c} = 'z')", { a: 'w', c: 'z' })).toBe(true);
    expect(holds("${a} = 'x' or ${b} = 'y' and ${c} = 'z'", { a: 'x' })).toBe(true);
    expect(holds("${a} = 'x' AND ${b} = 'y'", { a: 'x', b: 'y' })).toBe(true);
    expect(holds('${a} = ${b}', { a: '1', b: '1.0' })).toBe(true);
  });

  it('says where a malformed expression goes wrong, in Vietnamese', () => {
    const error = (text: string) => ('error' in parseRelevance(text) ? (parseRelevance(text) as { error: unknown }).error : null);
    expect(error("${a} = 'x")).toEqual({ position: 8, message: 'chuỗi chưa đóng dấu nháy' });
    expect(error("$a = 'x'")).toEqual({ position: 1, message: 'tham chiếu câu hỏi phải viết ${ten_cau}' });
    expect(error("(${a} = 'x'")).toEqual({ position: 12, message: 'cần dấu “)”' });
    expect(error("${a} 'x'")).toEqual({ position: 6, message: 'cần phép so sánh (=, !=, <, <=, >, >=)' });
    expect(error("${a} = 'x' ${b}")).toEqual({ position: 12, message: 'thừa “b”' });
    expect(error("${a} == 'x'")).toEqual({ position: 6, message: 'so sánh bằng viết một dấu “=”, không phải “==”' });
    expect(error("${a} = 'x' && ${b} = 'y'")).toEqual({ position: 12, message: 'viết “and” thay cho “&&”' });
    expect(error("selected(${a} 'x')")).toEqual({ position: 15, message: 'cần dấu “,” trong selected(...)' });
    expect(error("${a} # 'x'")).toEqual({ position: 6, message: 'không hiểu ký tự “#”' });
    expect(error('')).toEqual({ position: 1, message: 'biểu thức chưa hết' });
    expect(error('('.repeat(30) + "${a} = 'x'" + ')'.repeat(30))).toEqual({ position: 21, message: 'lồng quá 20 cấp ngoặc' });
  });

  it('never throws on any text: a parse or an error with a position inside the text', () => {
    const piece = fc.constantFrom('${a}', '${b}', "'x'", '"y"', '1', '-2.5', '=', '!=', '<', '<=', '>', '>=', 'and', 'or', 'not', 'selected', '(', ')', ',', ' ', '$', "'", '{', '}');
    const text = fc.oneof(fc.string({ maxLength: 60 }), fc.array(piece, { maxLength: 30 }).map((p) => p.join('')), fc.string({ unit: 'grapheme', maxLength: 40 }));
    fc.assert(fc.property(text, (t) => {
      const r = parseRelevance(t);
      if ('error' in r) {
        expect(r.error.position).toBeGreaterThanOrEqual(1);
        expect(r.error.position).toBeLessThanOrEqual(t.length + 1);
        expect(r.error.message.length).toBeGreaterThan(0);
      } else {
        // A parsed expression evaluates without throwing, whatever the answers.
        expect(typeof evaluateRelevance(r.expr, () => 'x')).toBe('boolean');
      }
    }), { numRuns: 3000 });
  });

  it('never evaluates code: script in an expression is an error, script in an answer is only text', () => {
    const g = globalThis as Record<string, unknown>;
    for (const attack of [
      "${a} = 'x'); globalThis.pwned = 1; ('", 'constructor.constructor("globalThis.pwned=1")()', '__proto__ = 1',
      "${a} = 'x' or process.exit(1)", '`${1}`', 'eval("1")',
    ]) {
      expect('error' in parseRelevance(attack)).toBe(true);
    }
    const parsed = parseRelevance("${a} = 'globalThis.pwned = 1'") as { expr: RelevanceExpr };
    expect(evaluateRelevance(parsed.expr, () => 'globalThis.pwned = 1')).toBe(true);
    expect(g.pwned).toBeUndefined();
  });
});

describe('visible questions', () => {
  it('hides questions whose condition is false, and reads hidden questions as unanswered', () => {
    const names = (answers: Record<string, string>) => visibleQuestions(scoredQuestionnaire, answers).map((q) => q.name);
    expect(names({ gate: 'co' })).toEqual(['gate', 'a', 'b', 'c', 'd', 'e', 'f', 'kenh', 'phi', 'y_kien']);
    expect(names({ gate: 'khong', d: 'A' })).toEqual(['gate', 'a', 'b', 'c', 'f', 'phi', 'y_kien']);
    expect(names({})).toEqual(['gate', 'a', 'b', 'c', 'f', 'phi', 'y_kien']);
  });
});
