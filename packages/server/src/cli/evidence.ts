/**
 * `chiso evidence clean [--days N]`: removes the evidence documents that no record has referred to
 * for N days or more, since upload or their last detachment (CHISO_EVIDENCE_UNUSED_DAYS by default), each removal
 * audited, then the content no document uses — what the server does by itself every day. A document
 * behind a criterion's self-assessment or an answer to a request (submitted or published included)
 * is never removed. On the embedded database stop chiso first (the data-folder lock).
 */
import { parseArgs } from 'node:util';
import type { Config } from '../config/env';
import { openConfiguredDatabase } from '../db/open-configured';
import { cleanUnusedEvidence, type UnusedEvidenceResult } from '../services/evidence';

export class EvidenceCommandError extends Error {}

export interface EvidenceCommandDeps {
  open?: typeof openConfiguredDatabase;
  print?: (text: string) => void;
  now?: Date;
}

const usage = 'chiso evidence clean [--days SỐ_NGÀY]';

export async function evidenceCommand(args: string[], config: Config, deps: EvidenceCommandDeps = {}): Promise<UnusedEvidenceResult> {
  const print = deps.print ?? ((text: string) => console.log(text));
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { days: { type: 'string' } } });
  if (positionals.length !== 1 || positionals[0] !== 'clean') throw new EvidenceCommandError(`Cách dùng: ${usage}`);
  const days = values.days === undefined ? config.evidenceUnusedDays : Number(values.days);
  if (!Number.isInteger(days) || days < 1) throw new EvidenceCommandError('Cần số ngày nguyên, ít nhất 1: --days SỐ_NGÀY (CHISO_EVIDENCE_UNUSED_DAYS=0 chỉ tắt việc máy chủ tự dọn).');
  const opened = await (deps.open ?? openConfiguredDatabase)(config);
  try {
    const result = await cleanUnusedEvidence(opened.handle.db, { ...config, evidenceUnusedDays: days }, deps.now);
    print(
      result.documentsRemoved === 0
        ? `Không có tài liệu kiểm chứng nào bỏ không quá ${days} ngày.`
        : `Đã xóa ${result.documentsRemoved} tài liệu kiểm chứng không gắn với tiêu chí hay câu trả lời nào sau ${days} ngày ` +
            `(${result.contentFilesRemoved} tệp nội dung); mỗi lần xóa có trong nhật ký.`,
    );
    return result;
  } finally {
    await opened.close();
  }
}
