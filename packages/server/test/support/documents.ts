/**
 * Opening generated documents in tests: the text of a DOCX (word/document.xml), of a PDF
 * (pdftotext) and its fonts (pdffonts), and page images kept as test artifacts under
 * test-artifacts/documents/ at the repository's root (git-ignored): DOCX/XLSX → PDF with
 * LibreOffice headless, PDF → PNG with pdftoppm at 50 dpi.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';

export const artifactDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../test-artifacts/documents');

/** The XML of the document's body and its text (the runs joined). */
export async function documentText(buffer: Buffer): Promise<{ xml: string; text: string }> {
  const zip = await JSZip.loadAsync(buffer);
  const xml = await zip.file('word/document.xml')!.async('string');
  const text = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  return { xml, text };
}

function withFile<T>(buffer: Buffer, name: string, use: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'chiso-doc-'));
  try {
    const path = join(dir, name);
    writeFileSync(path, buffer);
    return use(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of a PDF, in reading order (poppler's pdftotext). */
export const pdfText = (buffer: Buffer): string => withFile(buffer, 'file.pdf', (path) => execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }));

/** The fonts of a PDF: name and whether it is embedded (poppler's pdffonts). */
export function pdfFonts(buffer: Buffer): { name: string; embedded: boolean }[] {
  const out = withFile(buffer, 'file.pdf', (path) => execFileSync('pdffonts', [path], { encoding: 'utf8' }));
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      // name type… encoding emb sub uni object ID: "emb" is the fifth column from the end.
      return { name: cols[0]!, embedded: cols[cols.length - 5] === 'yes' };
    });
}

const hasCommand = (command: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/**
 * Keeps `buffer` as test-artifacts/documents/<name>.<extension> with its pages as PNG images
 * (<name>-<page>.png); returns the number of pages, or null (with the reason logged) when the tools
 * to render it are missing.
 */
export function renderPages(name: string, extension: 'docx' | 'xlsx' | 'pdf', buffer: Buffer): number | null {
  mkdirSync(artifactDir, { recursive: true });
  for (const f of readdirSync(artifactDir)) if (f.startsWith(`${name}.`) || f.startsWith(`${name}-`)) rmSync(join(artifactDir, f));
  const file = join(artifactDir, `${name}.${extension}`);
  writeFileSync(file, buffer);
  if (!hasCommand('pdftoppm')) {
    console.warn(`[documents] ${name}: page images not rendered — pdftoppm (poppler-utils) is not installed`);
    return null;
  }
  let pdf = file;
  if (extension !== 'pdf') {
    if (!hasCommand('libreoffice')) {
      console.warn(`[documents] ${name}: page images not rendered — libreoffice is not installed`);
      return null;
    }
    // Its own profile: LibreOffice refuses a second instance on a profile in use.
    const profile = mkdtempSync(join(tmpdir(), 'chiso-lo-'));
    try {
      execFileSync('libreoffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', artifactDir, file], { stdio: 'ignore', timeout: 180_000 });
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
    pdf = join(artifactDir, `${name}.pdf`);
    if (!existsSync(pdf)) throw new Error(`LibreOffice did not convert ${file}`);
    // Keep the rendering under a name of its own when the artifact is itself the PDF of another.
    const rendered = join(artifactDir, `${name}.${extension}.pdf`);
    renameSync(pdf, rendered);
    pdf = rendered;
  }
  execFileSync('pdftoppm', ['-png', '-r', '50', pdf, join(artifactDir, name)]);
  return readdirSync(artifactDir).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png')).length;
}
