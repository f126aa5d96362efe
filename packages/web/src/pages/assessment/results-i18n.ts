/** Strings of the unit's results (after the appraisal, after publication): the "results" namespace. */
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';
import vi from '../../i18n/vi/results.json';
import en from '../../i18n/en/results.json';

export const NS = 'unitResults';

if (!i18n.hasResourceBundle('vi', NS)) i18n.addResourceBundle('vi', NS, vi, true, true);
if (!i18n.hasResourceBundle('en', NS)) i18n.addResourceBundle('en', NS, en, true, true);

export function useResultsT() {
  return useTranslation(NS);
}
