/**
 * Values pushed by other systems through the API (the one-stop-shop system, the national public
 * service portal's service index…), authenticated by an API token. All or nothing, like an import.
 */
import { cycleRefusal, type CycleStatus } from '@chiso/core';
import type { Database } from '../../db/client';
import { touchApiToken } from '../../db/repositories/data-feed-repository';
import { recordAudit } from '../audit';
import { loadCycleContext } from '../cycles/context';
import { type ErrorDetail, refusalError, ruleViolation } from '../errors';
import type { TokenActor } from './api-tokens';
import { checkFeedEntries, storeFeedValues, storedFeedValues, type FeedEntry } from './feed-values';

export interface PushResult {
  received: number;
  /** Values equal to the stored ones: nothing changed. */
  unchanged: number;
}

export async function pushDataFeedValues(
  db: Database,
  actor: TokenActor,
  cycleId: string,
  body: { source: string; values: FeedEntry[] },
  now = new Date(),
): Promise<PushResult> {
  const ctx = await loadCycleContext(db, cycleId);
  const refused = cycleRefusal(ctx.cycle.status as CycleStatus, 'push_data_feeds');
  if (refused) throw refusalError(refused);
  const indexed = body.values.map((v, i) => ({ ...v, source: v.source?.trim() || body.source, i }));
  const details: ErrorDetail[] = [];
  const stored = await storedFeedValues(db, cycleId);
  const { values, unchanged } = checkFeedEntries(ctx, indexed, stored, (e, field, message) => details.push({ path: `values[${e.i}].${field}`, message }), body.source);
  if (details.length > 0) {
    throw ruleViolation(details.length === 1 ? details[0]!.message : `${details.length} giá trị không hợp lệ; chưa nhận giá trị nào. Hãy sửa rồi gửi lại.`, details);
  }
  await db.transaction(async (tx) => {
    await touchApiToken(tx, actor.tokenId, now);
    // Every use of a token is in the audit trail, even one that changes nothing.
    if (values.length === 0) {
      await recordAudit(tx, actor, { entityType: 'cycle', entityId: cycleId, action: 'push_data_feeds', after: { channel: 'api', apiTokenId: actor.tokenId, rows: [], unchanged } });
    }
    await storeFeedValues(tx, actor, ctx, values, { channel: 'api', apiTokenId: actor.tokenId, now }, 'push_data_feeds');
  });
  return { received: values.length, unchanged };
}
