/**
 * API tokens (mã truy cập API) for other systems to push data-feed values. The administrator
 * creates one (name, scope: the data feeds of one cycle or of all, optional expiry) and sees it once;
 * chiso keeps only its SHA-256 hash. Creation, every use and revocation are in the audit trail.
 */
import type { Database, Executor } from '../../db/client';
import { cycleNames, findApiToken, findApiTokenByHash, insertApiToken, listApiTokens, revokeApiToken, type ApiTokenRow } from '../../db/repositories/data-feed-repository';
import { findCycle, listCycleRows } from '../../db/repositories/cycle-repository';
import { hashToken, randomToken } from '../../auth/tokens';
import { administers, isAdmin, NO_SCOPE, type Actor } from '../actor';
import { assertAdministrator } from '../policies/roles';
import { assertAdministersCycle, assertSomeAdministrator } from '../policies/cycle';
import { recordAudit } from '../audit';
import { AppError, forbidden, notFound, ruleViolation } from '../errors';

/** Tokens start with this, so that a leaked one is recognisable (e.g. by secret scanners). */
export const tokenPrefix = 'chiso_df_';

export interface ApiTokenView {
  id: string;
  name: string;
  prefix: string;
  cycleId: string | null;
  cycleName: string | null;
  expiresAt: string | null;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  /** active | expired | revoked */
  status: 'active' | 'expired' | 'revoked';
}

const statusOf = (t: ApiTokenRow, now: Date): ApiTokenView['status'] =>
  t.revokedAt ? 'revoked' : t.expiresAt && t.expiresAt <= now ? 'expired' : 'active';

function view(t: ApiTokenRow, names: Map<string, string>, now: Date): ApiTokenView {
  return {
    id: t.id, name: t.name, prefix: t.prefix, cycleId: t.cycleId, cycleName: t.cycleId ? names.get(t.cycleId) ?? null : null,
    expiresAt: t.expiresAt?.toISOString() ?? null, createdAt: t.createdAt.toISOString(), revokedAt: t.revokedAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null, status: statusOf(t, now),
  };
}

/**
 * Who administers a token: a token for one cycle, that cycle's administrators (its owner's, and the
 * province's); a token for every cycle, the province's administrator only.
 */
async function assertAdministersToken(db: Executor, actor: Actor, cycleId: string | null): Promise<string | undefined> {
  if (!cycleId) {
    assertAdministrator(actor);
    return undefined;
  }
  const cycle = await findCycle(db, cycleId);
  if (!cycle) throw notFound('kỳ đánh giá');
  assertAdministersCycle(actor, cycle);
  return cycle.name;
}

/** The tokens the actor administers (see `assertAdministersToken`). */
export async function listTokens(db: Database, actor: Actor, now = new Date()): Promise<ApiTokenView[]> {
  assertSomeAdministrator(actor);
  const all = await listApiTokens(db);
  const owners = new Map((await listCycleRows(db, { ids: [...new Set(all.flatMap((r) => (r.cycleId ? [r.cycleId] : [])))] })).map((c) => [c.id, c.ownerUnitId]));
  const rows = all.filter((r) => (r.cycleId ? owners.has(r.cycleId) && administers(actor, owners.get(r.cycleId)!) : isAdmin(actor)));
  const names = await cycleNames(db, [...new Set(rows.flatMap((r) => (r.cycleId ? [r.cycleId] : [])))]);
  return rows.map((r) => view(r, names, now));
}

/** Creates a token; the returned `token` is shown once and never again. */
export async function createToken(
  db: Database,
  actor: Actor,
  input: { name: string; cycleId: string | null; expiresAt: Date | null },
  now = new Date(),
): Promise<{ token: string; record: ApiTokenView }> {
  assertSomeAdministrator(actor);
  const name = input.name.trim();
  if (!name) throw ruleViolation('Hãy đặt tên cho mã truy cập (ví dụ tên hệ thống sẽ dùng nó).');
  if (input.expiresAt && input.expiresAt <= now) throw ruleViolation('Ngày hết hạn phải sau thời điểm hiện tại.');
  const cycleName = await assertAdministersToken(db, actor, input.cycleId);
  const token = tokenPrefix + randomToken();
  const row = await db.transaction(async (tx) => {
    const created = await insertApiToken(tx, {
      name, tokenHash: hashToken(token), prefix: token.slice(0, tokenPrefix.length + 4), cycleId: input.cycleId, expiresAt: input.expiresAt, createdAt: now, createdBy: actor.userId || null,
    });
    await recordAudit(tx, actor, {
      entityType: 'api_token', entityId: created.id, action: 'create',
      after: { name, scope: cycleName ? `Dữ liệu từ hệ thống của kỳ “${cycleName}”` : 'Dữ liệu từ hệ thống của mọi kỳ', expiresAt: input.expiresAt?.toISOString() ?? null },
    });
    return created;
  });
  return { token, record: view(row, new Map(cycleName ? [[row.cycleId!, cycleName]] : []), now) };
}

export async function revokeToken(db: Database, actor: Actor, id: string, now = new Date()): Promise<ApiTokenView> {
  assertSomeAdministrator(actor);
  return db.transaction(async (tx) => {
    const existing = await findApiToken(tx, id);
    if (!existing) throw notFound('mã truy cập');
    await assertAdministersToken(tx, actor, existing.cycleId);
    if (existing.revokedAt) throw ruleViolation('Mã truy cập này đã bị thu hồi trước đó.');
    const row = (await revokeApiToken(tx, id, actor.userId || null, now))!;
    await recordAudit(tx, actor, { entityType: 'api_token', entityId: id, action: 'revoke', before: { name: existing.name }, after: { revokedAt: now.toISOString() } });
    return view(row, await cycleNames(tx, row.cycleId ? [row.cycleId] : []), now);
  });
}

/** Who pushes with a token: no user, no roles — the audit trail names the token. */
export interface TokenActor extends Actor {
  tokenId: string;
}

const unauthenticated = (message: string) => new AppError('UNAUTHENTICATED', message);

/**
 * The token behind an `Authorization: Bearer …` header, checked for the data feeds of `cycleId`:
 * 401 when absent, unknown, revoked or expired; 403 when scoped to another cycle.
 */
export async function authenticateToken(db: Database, header: string | undefined, cycleId: string, ip: string | null, now = new Date()): Promise<TokenActor> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) throw unauthenticated('Thiếu mã truy cập API: gửi tiêu đề “Authorization: Bearer <mã>”. Quản trị viên tạo mã tại Kỳ đánh giá › Mã truy cập API.');
  const row = await findApiTokenByHash(db, hashToken(match[1]!));
  if (!row) throw unauthenticated('Mã truy cập API không đúng. Hãy kiểm tra lại hoặc đề nghị quản trị viên tạo mã mới.');
  if (row.revokedAt) throw unauthenticated(`Mã truy cập “${row.name}” đã bị thu hồi. Hãy đề nghị quản trị viên tạo mã mới.`);
  if (row.expiresAt && row.expiresAt <= now) throw unauthenticated(`Mã truy cập “${row.name}” đã hết hạn. Hãy đề nghị quản trị viên tạo mã mới.`);
  if (row.cycleId && row.cycleId !== cycleId) throw forbidden(`Mã truy cập “${row.name}” chỉ dùng cho dữ liệu của một kỳ đánh giá khác.`);
  return { userId: '', username: `Mã API “${row.name}”`, unitId: '', roles: [], scope: NO_SCOPE, ip, tokenId: row.id };
}
