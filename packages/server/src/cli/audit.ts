/**
 * `chiso audit verify`: checks the hash chains over the audit trail and the published snapshots
 * and says where an entry was edited, deleted, inserted outside chiso or moved (exit code 1).
 * `chiso audit verify-snapshot TỆP`: the SHA-256 of a downloaded snapshot document (…/snapshot.json)
 * and, with the database at hand, whether it is a sealed publication whose rows are still as sealed.
 * On the embedded database both need chiso stopped (the data-folder lock); the server checks itself
 * every hour anyway (services/integrity/self-check.ts).
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { Config } from '../config/env';
import { openConfiguredDatabase } from '../db/open-configured';
import { canonicalJson, sha256Hex } from '../services/integrity/chain';
import { findSealByHash } from '../services/integrity/snapshot-hash';
import { shownTime, verifyIntegrity, type IntegrityReport } from '../services/integrity/verify';

export class AuditCommandError extends Error {}

export interface AuditCommandDeps {
  open?: typeof openConfiguredDatabase;
  print?: (text: string) => void;
}

const usage = 'chiso audit verify [--json]\n       chiso audit verify-snapshot TỆP.json';

/** The report as the operator reads it. */
export function formatReport(report: IntegrityReport): string {
  const head = (h: IntegrityReport['audit']['head']) => (h ? `thứ tự ${h.seq}, mã ${h.hash}` : 'chưa có mục nào');
  const lines = [
    `Kiểm tra toàn vẹn lúc ${shownTime(report.checkedAt)}`,
    `  Nhật ký: ${report.audit.entries} sự kiện trong chuỗi (cuối chuỗi: ${head(report.audit.head)})`,
    `  Kết quả công bố: ${report.snapshots.entries} bản đã niêm phong (cuối chuỗi: ${head(report.snapshots.head)})`,
    '',
  ];
  if (report.ok) {
    lines.push('KẾT QUẢ: toàn vẹn — không có sự kiện hay số liệu công bố nào bị sửa, xoá, chèn hay đảo thứ tự.');
    lines.push('Hãy ghi lại mã cuối chuỗi ở trên: lần kiểm tra sau, mã đó phải còn nằm trong chuỗi.');
  } else {
    lines.push(`KẾT QUẢ: PHÁT HIỆN ${report.problems.length} CHỖ BẤT THƯỜNG`);
    for (const p of report.problems) lines.push(`  - ${p.message}`);
  }
  return lines.join('\n');
}

/** Returns the exit code: 0 intact, 1 when something was tampered with. */
export async function auditCommand(args: string[], config: Config, deps: AuditCommandDeps = {}): Promise<number> {
  const print = deps.print ?? ((text: string) => console.log(text));
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
  const [sub, file, ...rest] = positionals;
  if (sub === 'verify' && !file) {
    const opened = await (deps.open ?? openConfiguredDatabase)(config);
    try {
      const report = await verifyIntegrity(opened.handle.db);
      print(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
      return report.ok ? 0 : 1;
    } finally {
      await opened.close();
    }
  }
  if (sub === 'verify-snapshot' && file && rest.length === 0) {
    if (!fs.existsSync(file)) throw new AuditCommandError(`Không tìm thấy tệp ${file}.`);
    const bytes = fs.readFileSync(file);
    const hash = sha256Hex(bytes.toString('utf8'));
    let canonical = false;
    try {
      canonical = canonicalJson(JSON.parse(bytes.toString('utf8'))) === bytes.toString('utf8');
    } catch {
      throw new AuditCommandError(`Tệp ${file} không phải JSON: hãy tải tệp “snapshot.json” từ trang kết quả công bố (nút “Tệp kiểm tra”).`);
    }
    print(`SHA-256 của tệp: ${hash}`);
    if (!canonical) {
      print('Tệp đã bị định dạng lại hoặc sửa (không còn đúng dạng chuẩn): mã trên sẽ không khớp với mã đã công bố.');
      return 1;
    }
    const opened = await (deps.open ?? openConfiguredDatabase)(config);
    try {
      const found = await findSealByHash(opened.handle.db, hash);
      if (!found) {
        print('Mã này không khớp với bản công bố nào trong cơ sở dữ liệu: tệp đã bị sửa, hoặc không phải của hệ thống này.');
        return 1;
      }
      print(`Khớp với ${found.label} (công bố lúc ${shownTime(found.createdAt)}, niêm phong thứ tự ${found.seq}).`);
      if (!found.intact) {
        print('Nhưng số liệu trong cơ sở dữ liệu đã bị sửa sau khi công bố: tệp này là bản gốc, cơ sở dữ liệu thì không. Hãy chạy chiso audit verify.');
        return 1;
      }
      print('Số liệu trong cơ sở dữ liệu vẫn đúng như đã công bố.');
      return 0;
    } finally {
      await opened.close();
    }
  }
  throw new AuditCommandError(`Cách dùng: ${usage}`);
}
