import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/** An IPv4/IPv6 address or CIDR range, or a keyword proxy-addr knows. */
function isProxyAddress(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address = '', prefix, ...extra] = entry.split('/');
  const version = isIP(address);
  if (!version || extra.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
}

const proxyExample = 'ví dụ CHISO_TRUST_PROXY=127.0.0.1 (proxy chạy trên cùng máy) hoặc CHISO_TRUST_PROXY=10.0.0.5,10.0.1.0/24';

/**
 * Whose X-Forwarded-* headers to believe: nobody (`false`) or the named proxies (addresses or CIDR
 * ranges). Never everyone (`true`): then any client could forge its address in the audit trail and
 * slip past the login delays. Never a hop count: it cannot check that a request really came
 * through the proxy (Fastify ignores it too).
 */
const trustProxySetting = z.string().transform((raw, ctx): false | string[] => {
  const value = raw.trim().toLowerCase();
  if (['false', 'no', '0'].includes(value)) return false;
  const refuse = (message: string) => {
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  };
  if (['true', 'yes', '1'].includes(value)) {
    return refuse(
      `không còn nhận “${raw.trim()}”: khi đó chiso tin mọi địa chỉ X-Forwarded-For mà máy khách tự gửi, nên ai cũng giả được địa chỉ của mình. ` +
        `Hãy ghi địa chỉ IP của reverse proxy, ${proxyExample}`,
    );
  }
  if (/^\d+$/.test(value)) {
    return refuse(`không nhận số proxy (“${value}”) vì không kiểm tra được yêu cầu có thật sự đi qua proxy. Hãy ghi địa chỉ IP của reverse proxy, ${proxyExample}`);
  }
  const entries = value.split(',').map((entry) => entry.trim());
  const wrong = entries.filter((entry) => !isProxyAddress(entry));
  if (wrong.length > 0) {
    return refuse(`“${wrong.join('”, “')}” không phải địa chỉ IP hay dải CIDR. Hãy ghi địa chỉ IP của reverse proxy (nhiều địa chỉ cách nhau bởi dấu phẩy), ${proxyExample}, hoặc false`);
  }
  return entries;
});

/** Environment variables, parsed and validated once at start. A bad value stops the start with a readable message. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'phải là một URL postgres://…')
    .optional(),
  CHISO_DATA_DIR: z.string().min(1).default('./data'),
  CHISO_DB_POOL_SIZE: z.coerce.number().int('phải là số nguyên').min(1).max(500).default(10),
  CHISO_ADMIN_USER: z
    .string()
    .regex(/^[a-z0-9._-]{3,64}$/, 'chỉ gồm chữ thường không dấu, số, dấu chấm, gạch (3–64 ký tự)')
    .default('admin'),
  CHISO_ADMIN_PASSWORD: z.string().min(10, 'tối thiểu 10 ký tự').optional(),
  CHISO_SESSION_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  CHISO_COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  CHISO_TRUST_PROXY: trustProxySetting.default(false),
  CHISO_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CHISO_LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  CHISO_LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  CHISO_UPLOAD_MAX_MB: z.coerce.number().int('phải là số nguyên (MB)').min(1).max(1024).default(20),
  CHISO_EVIDENCE_QUOTA_MB: z.coerce.number().int('phải là số nguyên (MB)').min(1).max(10_000_000).default(2048),
  CHISO_EVIDENCE_UNUSED_DAYS: z.coerce.number().int('phải là số ngày (số nguyên)').min(0).max(3650).default(30),
  CHISO_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'phải là một URL smtp://… hoặc smtps://…')
    .optional(),
  CHISO_MAIL_FROM: z.string().min(3).default('chiso <no-reply@localhost>'),
  CHISO_PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, 'phải là địa chỉ http(s) mà người dùng mở chiso, ví dụ https://cchc.tinh.gov.vn (không có ? hay #)')
    .refine((value) => URL.canParse(value), 'không phải một địa chỉ URL hợp lệ')
    .optional(),
  CHISO_DIGEST_HOUR: z.coerce.number().int('phải là một giờ trong ngày (0–23)').min(0, 'phải là một giờ trong ngày (0–23)').max(23, 'phải là một giờ trong ngày (0–23)').default(7),
  CHISO_REMINDER_DAYS: z
    .string()
    .regex(/^\s*\d{1,2}\s*(,\s*\d{1,2}\s*)*$/, 'phải là danh sách số ngày, cách nhau bởi dấu phẩy, ví dụ 3,1')
    .transform((value) => [...new Set(value.split(',').map((d) => Number(d.trim())))].sort((a, b) => b - a))
    .refine((days) => days.every((d) => d >= 1 && d <= 60), 'mỗi số ngày từ 1 đến 60')
    .default([3, 1]),
  // Where evidence files are kept (storage/evidence-store.ts); checked together in evidenceStoreOf.
  CHISO_EVIDENCE_STORE: z.enum(['folder', 's3'], { message: 'phải là folder (thư mục) hoặc s3 (kho đối tượng tương thích S3)' }).default('folder'),
  CHISO_EVIDENCE_DIR: z.string().min(1).optional(),
  CHISO_S3_ENDPOINT: z
    .string()
    .regex(/^https?:\/\/[^\s/?#]+\/?$/, 'phải là địa chỉ http(s) của kho, không có đường dẫn, ví dụ https://s3.tinh.gov.vn hoặc http://127.0.0.1:9000')
    .optional(),
  CHISO_S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'tên bucket gồm 3–63 chữ thường không dấu, số, dấu chấm hoặc gạch ngang')
    .optional(),
  CHISO_S3_REGION: z.string().min(1).optional(),
  CHISO_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  CHISO_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  CHISO_S3_FORCE_PATH_STYLE: z.enum(['true', 'false'], { message: 'phải là true hoặc false' }).optional(),
  AWS_REGION: z.string().min(1).optional(),
  AWS_ACCESS_KEY_ID: z.string().min(1).optional(),
  AWS_SECRET_ACCESS_KEY: z.string().min(1).optional(),
});

export type Env = z.infer<typeof envSchema>;

/** Where evidence files are kept: a folder (holding `files/`), or a bucket of an S3-compatible store. */
export type EvidenceStoreSetting =
  | { kind: 'folder'; dir: string }
  | {
      kind: 's3';
      bucket: string;
      /** None: Amazon S3 itself (from the region). */
      endpoint: string | undefined;
      region: string;
      forcePathStyle: boolean;
      /** None: the AWS SDK's own chain (AWS_* variables, profile, instance role). */
      credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
    };

/** CHISO_EVIDENCE_STORE and its settings, or the problems (one line each) that make them incomplete. */
function evidenceStoreOf(env: Env, dataDir: string, baseDir: string): EvidenceStoreSetting | string[] {
  const s3Names = ['CHISO_S3_ENDPOINT', 'CHISO_S3_BUCKET', 'CHISO_S3_REGION', 'CHISO_S3_ACCESS_KEY_ID', 'CHISO_S3_SECRET_ACCESS_KEY', 'CHISO_S3_FORCE_PATH_STYLE'] as const;
  if (env.CHISO_EVIDENCE_STORE === 'folder') {
    const stray = s3Names.filter((name) => env[name] !== undefined);
    if (stray.length > 0) return [`${stray.join(', ')}: chỉ dùng khi CHISO_EVIDENCE_STORE=s3 (hiện là folder). Thêm CHISO_EVIDENCE_STORE=s3 hoặc bỏ các biến này.`];
    return { kind: 'folder', dir: env.CHISO_EVIDENCE_DIR ? path.resolve(baseDir, env.CHISO_EVIDENCE_DIR) : dataDir };
  }
  const problems: string[] = [];
  if (env.CHISO_EVIDENCE_DIR) problems.push('CHISO_EVIDENCE_DIR: chỉ dùng khi CHISO_EVIDENCE_STORE=folder; với s3 tài liệu nằm trong bucket.');
  if (!env.CHISO_S3_BUCKET) problems.push('CHISO_S3_BUCKET: cần tên bucket khi CHISO_EVIDENCE_STORE=s3.');
  const accessKeyId = env.CHISO_S3_ACCESS_KEY_ID ?? env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.CHISO_S3_SECRET_ACCESS_KEY ?? env.AWS_SECRET_ACCESS_KEY;
  if (env.CHISO_S3_ACCESS_KEY_ID && !env.CHISO_S3_SECRET_ACCESS_KEY) problems.push('CHISO_S3_SECRET_ACCESS_KEY: cần đi cùng CHISO_S3_ACCESS_KEY_ID.');
  if (env.CHISO_S3_SECRET_ACCESS_KEY && !env.CHISO_S3_ACCESS_KEY_ID) problems.push('CHISO_S3_ACCESS_KEY_ID: cần đi cùng CHISO_S3_SECRET_ACCESS_KEY.');
  if (env.CHISO_S3_ENDPOINT && !accessKeyId) problems.push('CHISO_S3_ACCESS_KEY_ID, CHISO_S3_SECRET_ACCESS_KEY: cần khóa truy cập của kho tại CHISO_S3_ENDPOINT.');
  if (problems.length > 0) return problems;
  return {
    kind: 's3',
    bucket: env.CHISO_S3_BUCKET!,
    endpoint: env.CHISO_S3_ENDPOINT?.replace(/\/+$/, ''),
    region: env.CHISO_S3_REGION ?? env.AWS_REGION ?? 'us-east-1',
    // A store at its own address (MinIO, Ceph) usually wants path-style addresses: bucket in the path.
    forcePathStyle: env.CHISO_S3_FORCE_PATH_STYLE === undefined ? env.CHISO_S3_ENDPOINT !== undefined : env.CHISO_S3_FORCE_PATH_STYLE === 'true',
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
  };
}

export interface Config {
  port: number;
  host: string;
  /** Set when a PostgreSQL server is used instead of the embedded database. */
  databaseUrl: string | undefined;
  /** Absolute path of the data folder (embedded database, uploaded files, lock file). */
  dataDir: string;
  adminUser: string;
  adminPassword: string | undefined;
  sessionHours: number;
  cookieSecure: 'auto' | boolean;
  /** Proxies whose X-Forwarded-* headers are believed: none, or their addresses/CIDR ranges. */
  trustProxy: false | string[];
  /** Failed logins on one account name from one address before the delays start. */
  logLevel: Env['CHISO_LOG_LEVEL'];
  loginMaxAttempts: number;
  /** The longest delay (minutes) between attempts once they are held back. */
  loginLockMinutes: number;
  /** Largest evidence upload, in MB (1 MB = 1 048 576 bytes). */
  /** Connections each process keeps to a PostgreSQL server (DATABASE_URL); unused on the embedded database. */
  databasePoolSize: number;
  uploadMaxMb: number;
  /** Evidence a unit may upload in one calendar year (Vietnam time), in MB of distinct content. */
  evidenceQuotaMb: number;
  /** Days an evidence document may stay attached to nothing (since upload or its last detachment) before it is removed; 0: never. */
  evidenceUnusedDays: number;
  /** SMTP server for e-mail notifications (`smtp://user:pass@host:587`); none: in-app only. */
  smtpUrl: string | undefined;
  /** Sender of notification e-mails. */
  mailFrom: string;
  /**
   * The address people open chiso at (`https://cchc.tinh.gov.vn`, no trailing slash): links in
   * e-mails are built from it. Without it, e-mails carry no link (a relative one would not open).
   */
  publicUrl: string | undefined;
  /** Hour of the day (Vietnam time) the daily digests go out. */
  digestHour: number;
  /** Days before each deadline when reminders go out, largest first (e.g. [3, 1]). */
  reminderDays: number[];
  /** Where evidence files are kept (CHISO_EVIDENCE_STORE, CHISO_EVIDENCE_DIR, CHISO_S3_*). */
  evidenceStore: EvidenceStoreSetting;
}

export class ConfigError extends Error {}

/**
 * Reads the configuration from `source` (process.env by default). Relative paths are resolved
 * against `baseDir`: npm sets INIT_CWD to the folder where the user typed `npm start`.
 */
export function loadConfig(
  source: Record<string, string | undefined> = process.env,
  baseDir: string = process.env.INIT_CWD ?? process.cwd(),
): Config {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  - ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Cấu hình không hợp lệ (biến môi trường):\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const dataDir = path.resolve(baseDir, env.CHISO_DATA_DIR);
  const evidenceStore = evidenceStoreOf(env, dataDir, baseDir);
  if (Array.isArray(evidenceStore)) throw new ConfigError(`Cấu hình không hợp lệ (biến môi trường):\n${evidenceStore.map((line) => `  - ${line}`).join('\n')}`);
  return {
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.CHISO_DB_POOL_SIZE,
    dataDir,
    adminUser: env.CHISO_ADMIN_USER,
    adminPassword: env.CHISO_ADMIN_PASSWORD,
    sessionHours: env.CHISO_SESSION_HOURS,
    cookieSecure: env.CHISO_COOKIE_SECURE === 'auto' ? 'auto' : env.CHISO_COOKIE_SECURE === 'true',
    trustProxy: env.CHISO_TRUST_PROXY,
    logLevel: env.CHISO_LOG_LEVEL,
    loginMaxAttempts: env.CHISO_LOGIN_MAX_ATTEMPTS,
    loginLockMinutes: env.CHISO_LOGIN_LOCK_MINUTES,
    uploadMaxMb: env.CHISO_UPLOAD_MAX_MB,
    evidenceQuotaMb: env.CHISO_EVIDENCE_QUOTA_MB,
    evidenceUnusedDays: env.CHISO_EVIDENCE_UNUSED_DAYS,
    smtpUrl: env.CHISO_SMTP_URL,
    mailFrom: env.CHISO_MAIL_FROM,
    publicUrl: env.CHISO_PUBLIC_URL?.replace(/\/+$/, ''),
    digestHour: env.CHISO_DIGEST_HOUR,
    reminderDays: env.CHISO_REMINDER_DAYS,
    evidenceStore,
  };
}
