/** Strings of an open cycle's corrections, late participants and demo calendar: the "corrections" namespace. */
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';
import vi from '../../i18n/vi/corrections.json';
import en from '../../i18n/en/corrections.json';

export const NS = 'corrections';

if (!i18n.hasResourceBundle('vi', NS)) i18n.addResourceBundle('vi', NS, vi, true, true);
if (!i18n.hasResourceBundle('en', NS)) i18n.addResourceBundle('en', NS, en, true, true);

export function useCorrT() {
  return useTranslation(NS);
}
