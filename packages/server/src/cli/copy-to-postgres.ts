import type { Config } from '../config/env';
import { migrateDatabase, openDatabase } from '../db/client';
import { copyDatabase } from '../db/copy-database';
import { openConfiguredDatabase } from '../db/open-configured';

/** `chiso copy-to-postgres URL`: moves the embedded database to a PostgreSQL server. */
export async function copyToPostgresCommand(config: Config, url: string): Promise<void> {
  if (config.databaseUrl) throw new Error('DATABASE_URL đang được đặt: lệnh này chép từ cơ sở dữ liệu nhúng, hãy bỏ DATABASE_URL khi chạy.');
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error('Địa chỉ đích phải có dạng postgres://người_dùng:mật_khẩu@máy:5432/tên_csdl');
  const source = await openConfiguredDatabase(config);
  try {
    const target = await openDatabase({ kind: 'postgres', url });
    try {
      await migrateDatabase(target);
      const copied = await copyDatabase(source.handle.db, target.db, ({ table, rows }) => console.log(`  ${table}: ${rows} dòng`));
      const total = copied.reduce((sum, { rows }) => sum + rows, 0);
      console.log(`Đã chép ${total} dòng sang máy chủ PostgreSQL. Từ nay hãy chạy chiso với DATABASE_URL=${url.replace(/:[^:@/]*@/, ':***@')}`);
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}
