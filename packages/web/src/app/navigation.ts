import type { Me } from '../api/types';

export type Area = 'myWork' | 'units' | 'myUnit' | 'users' | 'audit' | 'frameworks' | 'cycles' | 'appraisal' | 'council' | 'results' | 'followUp' | 'surveys';

/** The areas a user sees in the side navigation, from `me.may` and roles. */
export function areasFor(me: Me): Area[] {
  const areas: Area[] = [];
  if (isUnitStaff(me)) areas.push('myWork');
  if (!me.roles.includes('admin')) areas.push('myUnit');
  if (me.may.manageUnits) areas.push('units');
  if (me.may.manageUsers || me.roles.includes('unit_head')) areas.push('users');
  if (me.may.viewAudit) areas.push('audit');
  if (me.roles.includes('admin')) areas.push('cycles');
  if (me.roles.includes('admin') || me.roles.includes('appraiser')) areas.push('appraisal');
  if (me.roles.some((r) => r === 'admin' || r === 'council_member' || r === 'leader_viewer')) areas.push('council');
  areas.push('results'); // published results are public: every role reads them (the leaders' home)
  if (me.roles.some((r) => r === 'admin' || r === 'council_member' || r === 'leader_viewer')) areas.push('surveys'); // the survey's setup and results (a unit reads its own in its results)
  areas.push('followUp'); // the administrator and leaders follow every unit; a unit its own tasks, plan and risks
  areas.push('frameworks'); // every role reads the frameworks; only the administrator edits them
  return areas;
}

/** Unit officers and heads: their work is their unit's assessment. */
function isUnitStaff(me: Me): boolean {
  return me.roles.includes('unit_officer') || me.roles.includes('unit_head');
}

/** Where each role starts its work after login (one click to one's work). */
export function homePathFor(me: Me): '/units' | '/my-unit' | '/my-work' | '/cycles' | '/appraisal' | '/council' | '/results' {
  if (me.roles.includes('admin')) return '/cycles';
  if (me.roles.includes('appraiser')) return '/appraisal';
  if (me.roles.includes('council_member')) return '/council';
  if (me.roles.includes('leader_viewer')) return '/results';
  if (me.may.manageUnits) return '/units';
  return isUnitStaff(me) ? '/my-work' : '/my-unit';
}
