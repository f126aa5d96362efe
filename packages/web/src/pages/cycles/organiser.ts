import type { TFunction } from 'i18next';
import type { CycleOwner } from '@chiso/contract';

/** The namespace of the unit actions after the deadline (i18n/<lang>/nonsubmission.json). */
export const NS = 'nonsubmission';

/**
 * Who acts for a cycle's organiser (records a non-submission, submits on a unit's behalf, updates the
 * figures): the organising unit by its name, or for the province's cycles (owner null) Sở Nội vụ;
 * undefined while the cycle is not known, a neutral "the organising unit".
 */
export function organiserOf(owner: CycleOwner | null | undefined, t: TFunction): string {
  if (owner === undefined) return t('organiser.unknown', { ns: NS });
  return owner ? owner.name : t('organiser.province', { ns: NS });
}
