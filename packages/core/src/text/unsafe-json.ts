/**
 * Values that cannot be stored or walked safely, found before anything else looks at them:
 * - a NUL character (U+0000) in a string or a key: PostgreSQL's text and jsonb refuse it;
 * - half of a surrogate pair (JSON's `\ud800` alone): it has no UTF-8 form, and jsonb refuses it;
 * - nesting deeper than a limit: readers, validators and serializers recurse, and a document
 *   nested thousands of levels deep would exhaust the stack.
 * The walk is iterative, so it is safe on any depth itself.
 */
export interface UnsafeJson {
  /** Keys and array indexes from the root to the offending value. */
  readonly path: readonly (string | number)[];
  readonly problem: 'nul' | 'surrogate' | 'depth';
}

const unpairedSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const textProblem = (text: string): 'nul' | 'surrogate' | null =>
  text.includes('\u0000') ? 'nul' : unpairedSurrogate.test(text) ? 'surrogate' : null;

/** The first NUL, unpaired surrogate or too-deep spot in a parsed JSON value, or null when there is none. */
export function findUnsafeJson(value: unknown, maxDepth: number): UnsafeJson | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) return { path, problem };
      continue;
    }
    if (typeof current !== 'object' || current === null || ArrayBuffer.isView(current)) continue;
    if (path.length >= maxDepth) return { path, problem: 'depth' };
    if (Array.isArray(current)) {
      current.forEach((item, index) => stack.push({ value: item, path: [...path, index] }));
      continue;
    }
    for (const [key, item] of Object.entries(current)) {
      const problem = textProblem(key);
      if (problem) return { path: [...path, key], problem };
      stack.push({ value: item, path: [...path, key] });
    }
  }
  return null;
}

/** A path for messages, cut short when long (a too-deep path has dozens of steps). */
export function showJsonPath(path: readonly (string | number)[], style: 'dotted' | 'jsonpath', max = 80): string {
  const text = style === 'dotted'
    ? path.join('.')
    : `$${path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('')}`;
  const visible = text.replaceAll('\u0000', '\\0');
  return visible.length > max ? `${visible.slice(0, max)}…` : visible;
}
