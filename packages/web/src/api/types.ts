/** Types of the HTTP API contract (docs/api.md). */

export type Role = 'admin' | 'unit_officer' | 'unit_head' | 'appraiser' | 'council_member' | 'leader_viewer';
export const ROLES: readonly Role[] = ['admin', 'unit_officer', 'unit_head', 'appraiser', 'council_member', 'leader_viewer'];

export interface UnitRef {
  id: string;
  code: string;
  name: string;
}

export interface Me {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  unit: UnitRef;
  roles: Role[];
  mustChangePassword: boolean;
  may: { manageUnits: boolean; manageUsers: boolean; viewAudit: boolean };
}

export interface Session {
  user: Me;
  csrfToken: string;
}

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

export interface UnitLink {
  id: string;
  code: string;
  name: string;
  operation: 'merge' | 'split';
  date: string;
}

export interface Unit {
  id: string;
  code: string;
  name: string;
  shortName: string | null;
  typeCode: string;
  typeName: string;
  parentId: string | null;
  validFrom: string;
  validTo: string | null;
  formerNames: { name: string; until: string }[];
  predecessors: UnitLink[];
  successors: UnitLink[];
  version: number;
  may: { edit: boolean; close: boolean; merge: boolean; split: boolean };
}

export interface UnitType {
  code: string;
  name: string;
  level: number;
}

export interface NewUnit {
  code: string;
  name: string;
  shortName?: string;
  typeCode: string;
  parentId: string | null;
}

export interface User {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  unit: UnitRef;
  roles: Role[];
  active: boolean;
  lockedUntil: string | null;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  version: number;
  may: { edit: boolean; resetPassword: boolean };
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

export interface Items<T> {
  items: T[];
}
