/** Who is acting. Services receive it explicitly; the HTTP layer builds it from the session. */
export const roles = ['admin', 'unit_officer', 'unit_head', 'appraiser', 'council_member', 'leader_viewer'] as const;
export type Role = (typeof roles)[number];

export interface Actor {
  userId: string;
  username: string;
  /** The organisation unit the user belongs to; officers' and heads' roles are scoped to it. */
  unitId: string;
  roles: readonly Role[];
  ip: string | null;
}

/** The actor for work the system does by itself (first start, demo loading, CLI). */
export const systemActor: Actor = { userId: '', username: 'system', unitId: '', roles: ['admin'], ip: null };

export const hasRole = (actor: Actor, role: Role) => actor.roles.includes(role);
export const isAdmin = (actor: Actor) => hasRole(actor, 'admin');
