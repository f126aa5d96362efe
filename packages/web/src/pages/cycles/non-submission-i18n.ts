/** Strings of the unit actions after the deadline (not submitted, on behalf, return): the "nonsubmission" namespace. */
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';
import vi from '../../i18n/vi/nonsubmission.json';
import en from '../../i18n/en/nonsubmission.json';

export const NS = 'nonsubmission';

if (!i18n.hasResourceBundle('vi', NS)) i18n.addResourceBundle('vi', NS, vi, true, true);
if (!i18n.hasResourceBundle('en', NS)) i18n.addResourceBundle('en', NS, en, true, true);

export function useNsT() {
  return useTranslation(NS);
}
