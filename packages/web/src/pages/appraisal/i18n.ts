/** The appraisal grid's paging strings ("appraisalGrid" namespace); the page's other strings stay in "cycles" (`useCyT`). */
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';

export const NS = 'appraisalGrid';

const vi = {
  find: 'Tìm đơn vị (tên hoặc mã)',
  range: 'Đơn vị {{from}}–{{to}} / {{total}}',
  noMatch: 'Không có đơn vị nào khớp với “{{query}}”.',
};
const en: typeof vi = {
  find: 'Find a unit (name or code)',
  range: 'Units {{from}}–{{to}} of {{total}}',
  noMatch: 'No unit matches “{{query}}”.',
};

if (!i18n.hasResourceBundle('vi', NS)) i18n.addResourceBundle('vi', NS, vi, true, true);
if (!i18n.hasResourceBundle('en', NS)) i18n.addResourceBundle('en', NS, en, true, true);

export function useGridT() {
  return useTranslation(NS);
}
