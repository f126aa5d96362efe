/**
 * The copy of the province's template for an organising unit (issue 10 §2) starts named after its
 * owner: “<template name> — <owner>” and the group “Đơn vị thuộc <owner>” (both editable), the owner
 * by its short name when it has one.
 */
import type { TFunction } from 'i18next';

export function ownerShortName(owner: { name: string; shortName?: string | null }): string {
  return owner.shortName?.trim() || owner.name;
}

export function adoptDefaults(templateName: string, ownerShort: string, t: TFunction): { name: string; groupLabel: string } {
  return { name: t('adopt.defaultName', { name: templateName, owner: ownerShort }), groupLabel: t('adopt.defaultGroup', { owner: ownerShort }) };
}
