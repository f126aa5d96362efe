import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config/env';
import { DataDirLockedError } from './storage/data-dir-lock';

// Subcommands are imported when run: `chiso score` and `framework validate` work on files alone and
// should not load the web server and the database drivers.

const usage = `chiso — Chỉ số cải cách hành chính

Cách dùng:
  chiso start [--demo [--communes-2025]]
                                chạy máy chủ (--demo: nạp dữ liệu mẫu vào cơ sở dữ liệu trống)
  chiso migrate                 áp dụng các migration còn thiếu rồi thoát
  chiso demo [--communes-2025]  nạp tỉnh mẫu vào cơ sở dữ liệu trống rồi thoát (--communes-2025: thêm
                                kỳ cấp xã 2025 đến khi công bố, có so sánh với năm trước; ~2 phút)
  chiso backup TỆP              sao lưu cơ sở dữ liệu nhúng (hãy dừng chiso trước)
  chiso restore TỆP [--force]   phục hồi cơ sở dữ liệu nhúng từ bản sao lưu
  chiso copy-to-postgres URL    chép cơ sở dữ liệu nhúng sang một máy chủ PostgreSQL trống
  chiso user reset-password TÊN [--password MẬT_KHẨU]
                                đặt lại mật khẩu (ví dụ quản trị viên quên mật khẩu): mật khẩu dùng
                                một lần được in ra (hoặc dùng --password, ≥ 10 ký tự), buộc đổi khi
                                đăng nhập, mở khóa, kết thúc các phiên; hãy dừng chiso trước
                                (cơ sở dữ liệu nhúng)
  chiso user unlock TÊN         mở khóa đăng nhập của tài khoản từ mọi địa chỉ (xóa các lần nhập
                                sai đã ghi nhận); hãy dừng chiso trước (cơ sở dữ liệu nhúng)
  chiso user unlock --address IP
                                mở khóa đăng nhập từ một địa chỉ (mọi tài khoản, ví dụ cả một cơ
                                quan dùng chung địa chỉ); hãy dừng chiso trước (cơ sở dữ liệu nhúng)
  chiso audit verify [--json]   kiểm tra chuỗi băm của nhật ký và kết quả công bố: chỉ ra sự kiện,
                                số liệu bị sửa, xoá, chèn hay đảo thứ tự; mã thoát 1 khi có (cơ sở
                                dữ liệu nhúng: hãy dừng chiso trước — máy chủ tự kiểm tra mỗi giờ)
  chiso audit verify-snapshot TỆP.json
                                mã SHA-256 của tệp kết quả công bố đã tải, đối chiếu với cơ sở dữ liệu
  chiso evidence clean [--days SỐ_NGÀY]
                                xóa tài liệu kiểm chứng không gắn với tiêu chí hay câu trả lời nào
                                sau SỐ_NGÀY ngày (mặc định CHISO_EVIDENCE_UNUSED_DAYS), có ghi nhật
                                ký; máy chủ tự làm việc này mỗi ngày (cơ sở dữ liệu nhúng: dừng chiso trước)
  chiso framework validate TỆP  kiểm tra tệp bộ tiêu chí (JSON hoặc Excel); mã thoát 1 khi có lỗi
  chiso framework import TỆP --program par-index --year 2025 --group "Sở, ban, ngành" [--name TÊN] [--publish]
  chiso framework export MÃ_PHIÊN_BẢN|--program … --year … --group … [--format json|xlsx] TỆP_RA
  chiso score --framework TỆP --inputs DỮ_LIỆU.csv [--units ĐƠN_VỊ.csv] [--out KẾT_QUẢ.csv|.xlsx] [--vi]
                                tính lại chỉ số, xếp hạng, xếp loại từ tệp (không cần cơ sở dữ liệu)
  chiso results export --program MÃ --year NĂM [--group NHÓM] --format csv|xlsx|json [--out TỆP]
                                xuất kết quả đã công bố của một năm (mọi nhóm, hoặc nhóm có mã hay
                                tên NHÓM) kèm so sánh với năm trước: chỉ số, thứ hạng, xếp loại năm
                                trước và mức thay đổi (theo quan hệ kế thừa khi sáp nhập, chia tách)
`;

/** Resolves to the exit code, or nothing for 0. */
type Command = (args: string[]) => Promise<void | number>;

const commands: Record<string, Command> = {
  score: async (args) => (await import('./cli/score')).scoreCommand(args),
  framework: async (args) => (await import('./cli/framework')).frameworkCommand(args, () => loadConfig()),
  async start(args) {
    const { values } = parseArgs({ args, options: { demo: { type: 'boolean', default: false }, 'communes-2025': { type: 'boolean', default: false } } });
    if (values['communes-2025'] && !values.demo) throw new UsageError('--communes-2025 chỉ dùng cùng --demo');
    const { startCommand } = await import('./cli/start');
    await startCommand(loadConfig(), { demo: values.demo ?? false, communes2025: values['communes-2025'] ?? false });
  },
  async migrate() {
    const { openConfiguredDatabase } = await import('./db/open-configured');
    const opened = await openConfiguredDatabase(loadConfig());
    await opened.close();
    console.log('Cơ sở dữ liệu đã được cập nhật lên phiên bản mới nhất.');
  },
  async demo(args) {
    const { values } = parseArgs({ args, options: { 'communes-2025': { type: 'boolean', default: false } } });
    const { openConfiguredDatabase } = await import('./db/open-configured');
    const { demoFilesOf, loadDemo } = await import('./demo/load-all');
    const config = loadConfig();
    const opened = await openConfiguredDatabase(config);
    try {
      const result = await loadDemo(opened.handle.db, { communes2025: values['communes-2025'] ?? false, progress: (text) => console.log(text), files: demoFilesOf(config) });
      for (const line of result.lines) console.log(line);
    } finally {
      await opened.close();
    }
  },
  async backup(args) {
    const { positionals } = parseArgs({ args, allowPositionals: true });
    if (positionals.length !== 1) throw new UsageError('Cần đúng một tên tệp: chiso backup TỆP');
    await (await import('./cli/backup')).backupCommand(loadConfig(), positionals[0]!);
  },
  async restore(args) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { force: { type: 'boolean', default: false } } });
    if (positionals.length !== 1) throw new UsageError('Cần đúng một tên tệp: chiso restore TỆP [--force]');
    await (await import('./cli/backup')).restoreCommand(loadConfig(), positionals[0]!, values.force ?? false);
  },
  async audit(args) {
    return (await import('./cli/audit')).auditCommand(args, loadConfig());
  },
  async evidence(args) {
    await (await import('./cli/evidence')).evidenceCommand(args, loadConfig());
  },
  async results(args) {
    await (await import('./cli/results')).resultsCommand(args, loadConfig());
  },
  async user(args) {
    await (await import('./cli/user')).userCommand(args, loadConfig());
  },
  async 'copy-to-postgres'(args) {
    const { positionals } = parseArgs({ args, allowPositionals: true });
    if (positionals.length !== 1) throw new UsageError('Cần địa chỉ máy chủ đích: chiso copy-to-postgres postgres://…');
    await (await import('./cli/copy-to-postgres')).copyToPostgresCommand(loadConfig(), positionals[0]!);
  },
};

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(usage);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`Lệnh không rõ: ${name}\n\n${usage}`);
    return 2;
  }
  try {
    return (await command(args)) ?? 0;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DataDirLockedError || error instanceof UsageError) {
      console.error(`\n${error.message}\n`);
      return error instanceof UsageError ? 2 : 1;
    }
    if (error instanceof Error && 'code' in error && error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      console.error(`\n${error.message}\n\n${usage}`);
      return 2;
    }
    console.error(error instanceof Error ? `\n${error.message}\n` : error);
    return 1;
  }
}

const exitCode = await main(process.argv.slice(2));
if (exitCode !== 0 || process.argv[2] !== 'start') process.exit(exitCode);
