/** The side navigation's label of the follow-up area, loaded with the layout. */
import i18n from '../../i18n';

i18n.addResourceBundle('vi', 'translation', { nav: { followUp: 'Theo dõi, khắc phục' } }, true, false);
i18n.addResourceBundle('en', 'translation', { nav: { followUp: 'Follow-up' } }, true, false);
