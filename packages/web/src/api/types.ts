/** Types of the HTTP API contract (docs/api.md). */

// The API's shapes are the contract's (packages/contract): a field renamed on the server fails the typecheck here.
import type { Role } from '@chiso/contract';
export type { Items, Me, Role, Session, Unit, UnitLink, UnitRef, UnitType, User } from '@chiso/contract';
export type { ChangePassword, CreatedUser, LoginBody, NewUser, TemporaryPassword, UserListParams, UserPatch } from '@chiso/contract';
export type { AuditEvent, AuditPage, AuditParams, Health, UnitListParams, UnitsImported } from '@chiso/contract';
export type { CreateUnit, CloseUnit, Lineage, Merged, MergeUnits, NewUnit, Split, SplitUnit, UnitPatch } from '@chiso/contract';

/** In the order the web lists them (the core's list is in workflow order). */
export const ROLES: readonly Role[] = ['admin', 'unit_officer', 'unit_head', 'appraiser', 'council_member', 'leader_viewer'];
