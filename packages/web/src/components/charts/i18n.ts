/** The charts' own strings ("charts" namespace), shared by the dashboard, report card and public site. */
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';

export const NS = 'charts';

const vi = {
  index: 'Chỉ số',
  rank: 'Xếp hạng',
  class: 'Xếp loại',
  unclassified: 'Chưa xếp loại',
  groupAverage: 'Bình quân nhóm',
  units: 'Số đơn vị',
  unitsCount: '{{count}} đơn vị',
  year: 'Năm {{year}}',
  field: 'Lĩnh vực',
  noData: 'Chưa có dữ liệu',
  aria: {
    ranking: 'Biểu đồ cột xếp hạng {{count}} đơn vị theo chỉ số. {{list}}',
    radar: 'Biểu đồ radar chỉ số từng lĩnh vực của {{unit}} so với bình quân nhóm. {{list}}',
    heatmap: 'Bản đồ nhiệt chỉ số thành phần: {{units}} đơn vị, {{fields}} lĩnh vực. Chỉ số thấp nhất: {{low}}.',
    classes: 'Biểu đồ số đơn vị theo xếp loại. {{list}}',
    trend: 'Biểu đồ đường chỉ số qua các năm. {{list}}',
  },
};
type Strings = typeof vi;
const en: Strings = {
  index: 'Index',
  rank: 'Rank',
  class: 'Class',
  unclassified: 'Unclassified',
  groupAverage: 'Group average',
  units: 'Units',
  unitsCount: '{{count}} units',
  year: 'Year {{year}}',
  field: 'Field',
  noData: 'No data yet',
  aria: {
    ranking: 'Bar chart ranking {{count}} units by index. {{list}}',
    radar: 'Radar chart of the field indexes of {{unit}} against the group average. {{list}}',
    heatmap: 'Heatmap of component indexes: {{units}} units, {{fields}} fields. Lowest index: {{low}}.',
    classes: 'Bar chart of units per class. {{list}}',
    trend: 'Line chart of the index over the years. {{list}}',
  },
};

if (!i18n.hasResourceBundle('vi', NS)) i18n.addResourceBundle('vi', NS, vi, true, true);
if (!i18n.hasResourceBundle('en', NS)) i18n.addResourceBundle('en', NS, en, true, true);

export function useChartT() {
  return useTranslation(NS);
}
