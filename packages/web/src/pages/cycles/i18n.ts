/**
 * Strings of the cycle areas (set-up, progress, appraisal, council, publication, public results)
 * live in the "cycles" i18next namespace; the side-navigation labels are merged into the default one.
 */
import i18n from '../../i18n';
import vi from '../../i18n/vi/cycles.json';
import en from '../../i18n/en/cycles.json';

export const NS = 'cycles';

if (!i18n.hasResourceBundle('vi', NS)) i18n.addResourceBundle('vi', NS, vi, true, true);
if (!i18n.hasResourceBundle('en', NS)) i18n.addResourceBundle('en', NS, en, true, true);
i18n.addResourceBundle('vi', 'translation', { nav: vi.nav }, true, false);
i18n.addResourceBundle('en', 'translation', { nav: en.nav }, true, false);
