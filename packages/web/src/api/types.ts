/** Types of the HTTP API contract (docs/api.md). */

// The API's shapes are the contract's (packages/contract): a field renamed on the server fails the typecheck here.
import type { Role } from '@chiso/contract';
export type { Items, Me, Role, Session, Unit, UnitLink, UnitRef, UnitType, User } from '@chiso/contract';
export type { CreatedUser, NewUser, TemporaryPassword, UserListParams, UserPatch } from '@chiso/contract';
export type { CreateUnit, CloseUnit, Lineage, Merged, MergeUnits, NewUnit, Split, SplitUnit, UnitPatch } from '@chiso/contract';

/** In the order the web lists them (the core's list is in workflow order). */
export const ROLES: readonly Role[] = ['admin', 'unit_officer', 'unit_head', 'appraiser', 'council_member', 'leader_viewer'];

export interface Health {
  status: 'ok';
  database: 'pglite' | 'postgres';
  version: string;
  demo: boolean;
  /** The server's last integrity self-check (docs/security.md). */
  integrity?: { status: 'ok' | 'broken' | 'unchecked'; checkedAt: string | null; problems: number };
  /** Not in the contract; shown when the server sends it. */
  demoPassword?: string;
}

export interface AuditEvent {
  id: number;
  at: string;
  actor: { id: string; username: string } | null;
  ip: string | null;
  entityType: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  /** Who by name (full name, unit); null for the system's own work. */
  actorName: string | null;
  actorUnit: string | null;
  /** The unit the event is about, when it is about one. */
  unit: { id: string; name: string } | null;
  criterionCode: string | null;
  /** The event in one Vietnamese sentence (core `describeAuditEvent`, computed by the server). */
  sentence: string;
}

