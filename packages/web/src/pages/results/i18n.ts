/**
 * The results dashboard's strings ("resultsDashboard" namespace); the side-navigation label
 * "Kết quả" is merged into the default namespace (the layout imports this file).
 */
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';

export const NS = 'resultsDashboard';

const vi = {
  nav: { results: 'Kết quả' },
  title: 'Kết quả chỉ số',
  intro: 'Kết quả đã công bố: xếp hạng, xếp loại, chỉ số từng lĩnh vực và thay đổi so với năm trước.',
  program: 'Chương trình',
  year: 'Năm',
  group: 'Nhóm',
  none: 'Chưa có kết quả nào được công bố.',
  decision: 'Quyết định số {{number}}',
  publishedAt: 'công bố ngày {{date}}',
  averageIndex: 'Chỉ số bình quân',
  comparedWith: 'so với năm {{year}}',
  noPrevious: 'Chưa có năm trước để so sánh',
  yoyPending: 'Chưa có số liệu so sánh với các năm trước cho nhóm này.',
  units: 'Số đơn vị',
  topUnit: 'Đứng đầu',
  lowestUnit: 'Thấp nhất',
  classes: 'Xếp loại',
  classCount: '{{n}} đơn vị {{label}}',
  classChangeUp: 'tăng {{n}}',
  classChangeDown: 'giảm {{n}}',
  classChangeSame: 'không đổi',
  classSentencePrevious: '{{list}} so với năm {{year}}',
  unclassified: 'chưa xếp loại',
  ranking: 'Xếp hạng theo chỉ số',
  rankingHelp: 'Bấm vào cột hoặc tên đơn vị để mở phiếu kết quả của đơn vị.',
  distribution: 'Số đơn vị theo xếp loại',
  radar: 'Chỉ số từng lĩnh vực so với bình quân nhóm',
  radarUnit: 'Đơn vị',
  heatmap: 'Chỉ số thành phần: đơn vị × lĩnh vực',
  fieldLegend: 'Lĩnh vực',
  trend: 'Chỉ số qua các năm',
  trendUnits: 'Thêm đơn vị vào biểu đồ',
  table: 'So sánh với năm trước',
  tableNoPrevious: 'Bảng kết quả',
  col: {
    rank: 'Hạng',
    unit: 'Đơn vị',
    index: 'Chỉ số',
    change: 'Tăng, giảm',
    previous: 'Năm {{year}}',
    rankChange: 'Thứ hạng',
    class: 'Xếp loại',
    classChange: 'Xếp loại so với năm trước',
  },
  rankUp: 'tăng {{count}} bậc',
  rankDown: 'giảm {{count}} bậc',
  rankSame: 'giữ nguyên',
  classUp: 'lên loại',
  classDown: 'xuống loại',
  classSame: 'giữ xếp loại',
  basis: { merged: 'hợp nhất từ {{count}} đơn vị', split: 'tách từ {{name}}' },
  noComparison: 'không có năm trước',
};
type Strings = typeof vi;
const en: Strings = {
  nav: { results: 'Results' },
  title: 'Index results',
  intro: 'Published results: ranking, classes, field indexes and the change from the previous year.',
  program: 'Program',
  year: 'Year',
  group: 'Group',
  none: 'No results have been published yet.',
  decision: 'Decision No. {{number}}',
  publishedAt: 'published {{date}}',
  averageIndex: 'Average index',
  comparedWith: 'compared with {{year}}',
  noPrevious: 'No earlier year to compare with',
  yoyPending: 'No comparison with earlier years is available for this group yet.',
  units: 'Units',
  topUnit: 'Top',
  lowestUnit: 'Lowest',
  classes: 'Classes',
  classCount: '{{n}} units {{label}}',
  classChangeUp: 'up {{n}}',
  classChangeDown: 'down {{n}}',
  classChangeSame: 'unchanged',
  classSentencePrevious: '{{list}} compared with {{year}}',
  unclassified: 'unclassified',
  ranking: 'Ranking by index',
  rankingHelp: 'Click a bar or a unit name to open the unit’s report card.',
  distribution: 'Units per class',
  radar: 'Field indexes against the group average',
  radarUnit: 'Unit',
  heatmap: 'Component indexes: units × fields',
  fieldLegend: 'Fields',
  trend: 'Index over the years',
  trendUnits: 'Add units to the chart',
  table: 'Compared with the previous year',
  tableNoPrevious: 'Results table',
  col: {
    rank: 'Rank',
    unit: 'Unit',
    index: 'Index',
    change: 'Change',
    previous: '{{year}}',
    rankChange: 'Rank change',
    class: 'Class',
    classChange: 'Class vs previous year',
  },
  rankUp: 'up {{count}}',
  rankDown: 'down {{count}}',
  rankSame: 'unchanged',
  classUp: 'up',
  classDown: 'down',
  classSame: 'same class',
  basis: { merged: 'merged from {{count}} units', split: 'split from {{name}}' },
  noComparison: 'no earlier year',
};

if (!i18n.hasResourceBundle('vi', NS)) i18n.addResourceBundle('vi', NS, vi, true, true);
if (!i18n.hasResourceBundle('en', NS)) i18n.addResourceBundle('en', NS, en, true, true);
i18n.addResourceBundle('vi', 'translation', { nav: vi.nav }, true, false);
i18n.addResourceBundle('en', 'translation', { nav: en.nav }, true, false);

export function useResultsT() {
  return useTranslation(NS);
}
