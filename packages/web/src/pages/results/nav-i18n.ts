/** The side navigation's label of the results area, loaded with the layout (the page's own strings load with the page). */
import i18n from '../../i18n';

i18n.addResourceBundle('vi', 'translation', { nav: { results: 'Kết quả' } }, true, false);
i18n.addResourceBundle('en', 'translation', { nav: { results: 'Results' } }, true, false);
