import type { Me } from '@chiso/contract';
import type { Role } from '../../services/actor';
import type { SessionWithUser } from '../../db/repositories/session-repository';

export function presentMe(user: SessionWithUser['user']): Me {
  const userRoles = user.roles as Role[];
  const admin = userRoles.includes('admin');
  return {
    id: user.id,
    username: user.username,
    fullName: user.fullName,
    email: user.email,
    unit: user.unit,
    roles: userRoles,
    mustChangePassword: user.mustChangePassword,
    may: { manageUnits: admin, manageUsers: admin, viewAudit: admin },
  };
}

