/**
 * The council page's own strings (proposals, proposers) live in the "council" i18next namespace;
 * the page's older strings stay in "cycles" (`useCyT`).
 */
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';
import vi from '../../i18n/vi/council.json';
import en from '../../i18n/en/council.json';

export const NS = 'council';

if (!i18n.hasResourceBundle('vi', NS)) i18n.addResourceBundle('vi', NS, vi, true, true);
if (!i18n.hasResourceBundle('en', NS)) i18n.addResourceBundle('en', NS, en, true, true);

export function useCouncilT() {
  return useTranslation(NS);
}
