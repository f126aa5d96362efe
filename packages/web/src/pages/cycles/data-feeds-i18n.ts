/** Strings of the data-feed pages (values, import, API tokens, the unit's read-only view): the "datafeeds" namespace. */
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';
import vi from '../../i18n/vi/datafeeds.json';
import en from '../../i18n/en/datafeeds.json';

export const NS = 'datafeeds';

if (!i18n.hasResourceBundle('vi', NS)) i18n.addResourceBundle('vi', NS, vi, true, true);
if (!i18n.hasResourceBundle('en', NS)) i18n.addResourceBundle('en', NS, en, true, true);

export function useDfT() {
  return useTranslation(NS);
}
