// Libraries that take a noticeable time to load (exceljs alone over a second of CPU) and that only some
// requests need: imported on first use, not with the modules that use them, so `chiso start` does not
// load them. Their types are imported with `import type` where they are used.
import type * as DocxModule from 'docx';

/** exceljs's namespace (workbooks, streaming reader and writer). */
export const loadExcel = async () => (await import('exceljs')).default;

/**
 * The docx library, once `loadDocx()` resolved (the Word builders of documents/ await it in their
 * entry points, then use `docx.Paragraph` … synchronously). Undefined before.
 */
export let docx: typeof DocxModule;

export async function loadDocx(): Promise<void> {
  docx ??= await import('docx');
}
