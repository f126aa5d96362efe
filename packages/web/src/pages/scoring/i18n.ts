/**
 * The scoring page's strings live in their own i18next namespace ("scoring"), registered here so
 * the shared vi.json / en.json stay untouched.
 */
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';
import vi from '../../i18n/vi/scoring.json';
import en from '../../i18n/en/scoring.json';

export const NS = 'scoring';

if (!i18n.hasResourceBundle('vi', NS)) i18n.addResourceBundle('vi', NS, vi, true, true);
if (!i18n.hasResourceBundle('en', NS)) i18n.addResourceBundle('en', NS, en, true, true);

export function useScoringT() {
  return useTranslation(NS);
}
