/**
 * The frameworks area's strings live in their own i18next namespace ("frameworks"),
 * registered here so the shared vi.json / en.json stay untouched.
 */
import i18n from '../../i18n';
import vi from '../../i18n/vi/frameworks.json';
import en from '../../i18n/en/frameworks.json';

export const NS = 'frameworks';

if (!i18n.hasResourceBundle('vi', NS)) i18n.addResourceBundle('vi', NS, vi, true, true);
if (!i18n.hasResourceBundle('en', NS)) i18n.addResourceBundle('en', NS, en, true, true);
