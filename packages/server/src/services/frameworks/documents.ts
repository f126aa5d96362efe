/**
 * Helpers around a stored framework document (the canonical JSON of docs/framework-format.md):
 * reading it with the core, its validation issues, an empty draft, and the short summary the audit
 * trail keeps instead of whole documents.
 */
import { DEFAULT_SETTINGS, type Framework, type Issue, frameworkToJson, parseFramework, validateFramework } from '@chiso/core';
import type { DraftDocument, FrameworkIssue, FrameworkDocument as CanonicalDocument } from '@chiso/contract';

/** A document as given (a request body, or one read from a file): the core reads it and reports its problems. */
export type FrameworkDocument = Record<string, unknown>;

export type IssueView = FrameworkIssue;

export function issueView(i: Issue): IssueView {
  return {
    severity: i.severity,
    code: i.code,
    message: i.message,
    ...(i.nodeCode !== undefined ? { nodeCode: i.nodeCode } : {}),
    ...(i.nodeKey !== undefined ? { nodeKey: i.nodeKey } : {}),
    ...(i.path !== undefined ? { path: i.path } : {}),
  };
}

export interface Inspection {
  /** The framework when the document has the right structure (it may still have semantic errors). */
  framework: Framework | null;
  issues: IssueView[];
  hasErrors: boolean;
}

/** Structure (parseFramework) then rules (validateFramework): every finding, errors first. */
export function inspectDocument(document: unknown): Inspection {
  const parsed = parseFramework(document);
  const issues = parsed.ok ? validateFramework(parsed.framework) : parsed.errors;
  const views = issues.map(issueView);
  return { framework: parsed.ok ? parsed.framework : null, issues: views, hasErrors: views.some((i) => i.severity === 'error') };
}

/**
 * The form a document is stored in: the canonical JSON when it parses (points as strings, stable
 * key order), otherwise as given — a draft may be saved half-written, with its issues shown.
 */
export function storedForm(document: FrameworkDocument): FrameworkDocument {
  const parsed = parseFramework(document);
  return parsed.ok ? frameworkToJson(parsed.framework) : document;
}

/**
 * A version's status with its stored document, as the API types them: a published version's document
 * is canonical (it passed validation and was stored in canonical form); a draft's may be half-written.
 */
export function versionDocument(row: { status: string; document: unknown }):
  | { status: 'published'; document: CanonicalDocument }
  | { status: 'draft'; document: DraftDocument } {
  return row.status === 'published'
    ? { status: 'published', document: row.document as CanonicalDocument }
    : { status: 'draft', document: row.document as DraftDocument };
}

/** "Sở, ban, ngành" → "so-ban-nganh": letters, digits and dashes, for document ids. */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

export function documentId(programCode: string, year: number, groupLabel: string): string {
  return [slug(programCode), String(year), slug(groupLabel)].filter(Boolean).join('-').slice(0, 80);
}

/** An empty draft: the required parts and default settings, no nodes yet. */
export function emptyDocument(input: { programCode: string; year: number; groupLabel: string; name: string }): FrameworkDocument {
  return frameworkToJson({
    formatVersion: 1,
    id: documentId(input.programCode, input.year, input.groupLabel),
    name: input.name,
    year: input.year,
    agencies: [],
    settings: DEFAULT_SETTINGS,
    nodes: [],
  });
}

function countNodes(nodes: unknown): number {
  if (!Array.isArray(nodes)) return 0;
  let n = 0;
  for (const node of nodes) {
    n += 1;
    if (node && typeof node === 'object') n += countNodes((node as Record<string, unknown>).children);
  }
  return n;
}

/** What the audit trail records about a version: identity, state and a fingerprint, not the document. */
export function versionSummary(row: {
  id: string;
  number: number;
  status: string;
  contentHash: string;
  version: number;
  document: unknown;
}): Record<string, unknown> {
  const doc = (row.document ?? {}) as FrameworkDocument;
  return {
    versionId: row.id,
    number: row.number,
    status: row.status,
    rowVersion: row.version,
    contentHash: row.contentHash,
    nodeCount: countNodes(doc.nodes),
    documentId: typeof doc.id === 'string' ? doc.id : null,
  };
}

/** Next year's copy: same nodes and keys; the year (and the year inside the id) updated. */
export function copyForYear(document: FrameworkDocument, fromYear: number, year: number, name?: string): FrameworkDocument {
  const id = typeof document.id === 'string' ? document.id.replaceAll(String(fromYear), String(year)) : document.id;
  return {
    ...document,
    id,
    year,
    ...(name ? { name } : typeof document.name === 'string' ? { name: document.name.replaceAll(String(fromYear), String(year)) } : {}),
    ...(typeof document.version === 'string' ? { version: '1' } : {}),
  };
}
