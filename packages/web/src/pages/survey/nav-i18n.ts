/** The side navigation's label of the survey area, loaded with the layout. */
import i18n from '../../i18n';

i18n.addResourceBundle('vi', 'translation', { nav: { surveys: 'Điều tra XHH' } }, true, false);
i18n.addResourceBundle('en', 'translation', { nav: { surveys: 'Survey' } }, true, false);
