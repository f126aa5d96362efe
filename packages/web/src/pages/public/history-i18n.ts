/** Strings of the history across reorganisations and of a figure's origin in chiso: the "history" namespace. */
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';
import vi from '../../i18n/vi/history.json';
import en from '../../i18n/en/history.json';

export const NS = 'history';

if (!i18n.hasResourceBundle('vi', NS)) i18n.addResourceBundle('vi', NS, vi, true, true);
if (!i18n.hasResourceBundle('en', NS)) i18n.addResourceBundle('en', NS, en, true, true);

export function useHistoryT() {
  return useTranslation(NS);
}
