/** Strings of the unit actions after the deadline (not submitted, on behalf, return): the "nonsubmission" namespace. */
import { useTranslation } from 'react-i18next';
import type { CycleOwner } from '@chiso/contract';
import i18n from '../../i18n';
import vi from '../../i18n/vi/nonsubmission.json';
import en from '../../i18n/en/nonsubmission.json';
import { NS, organiserOf } from './organiser';

if (!i18n.hasResourceBundle('vi', NS)) i18n.addResourceBundle('vi', NS, vi, true, true);
if (!i18n.hasResourceBundle('en', NS)) i18n.addResourceBundle('en', NS, en, true, true);

export function useNsT() {
  return useTranslation(NS);
}

/** The nonsubmission namespace's `t` and the organiser of the cycle, for the strings that name it ({{organiser}}). */
export function useOrganiserT(owner: CycleOwner | null | undefined) {
  const { t } = useNsT();
  return { t, organiser: organiserOf(owner, t) };
}
