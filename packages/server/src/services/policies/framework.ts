/** Frameworks (bộ tiêu chí) and group sets: everyone logged in reads them; the administrator changes them. */
import { isAdmin, type Actor } from '../actor';

/** A framework version's `may` flags: a draft is edited and published, a published version gets a new draft. */
export function frameworkVersionAbilities(actor: Actor | null, version: { status: string }): { edit: boolean; publish: boolean; newVersion: boolean } {
  const admin = actor !== null && isAdmin(actor);
  const draft = version.status === 'draft';
  return { edit: admin && draft, publish: admin && draft, newVersion: admin && !draft };
}

/** A group set's `may` flags. */
export const groupSetAbilities = (actor: Actor): { edit: boolean } => ({ edit: isAdmin(actor) });
