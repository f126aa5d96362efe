/**
 * The core is type-checked without Node's types (types: []) so that nothing Node-only
 * slips into src. Tests read the demo framework files, so they declare just that much.
 */
declare module 'node:fs' {
  export function readFileSync(path: URL, encoding: 'utf8'): string;
}

interface ImportMeta {
  readonly url: string;
}

declare class URL {
  constructor(url: string, base?: string | URL);
  readonly href: string;
}
