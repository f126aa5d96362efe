/** The follow-up dashboard's strings ("followUp" namespace); each part's pages keep their own. */
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';

export const NS = 'followUp';

const vi = {
  title: 'Theo dõi, khắc phục sau công bố',
  intro: 'Việc thực hiện kết luận, kế hoạch khắc phục, chỉ tiêu, các chỉ số bên ngoài và các tiêu chí có nguy cơ mất điểm trong năm.',
  unitIntro: 'Nhiệm vụ được giao cho đơn vị, kế hoạch khắc phục, các chỉ tiêu đơn vị chủ trì, các chỉ số bên ngoài của tỉnh và các tiêu chí có nguy cơ mất điểm của đơn vị.',
  links: {
    notices: 'Thông báo kết luận',
    tasks: 'Nhiệm vụ',
    plans: 'Kế hoạch khắc phục',
    targets: 'Chỉ tiêu',
    external: 'Chỉ số bên ngoài',
    risk: 'Nguy cơ mất điểm',
  },
};
const en: typeof vi = {
  title: 'Follow-up of the published results',
  intro: 'Conclusions carried out, remediation plans, targets, external indices and the criteria at risk of losing points this year.',
  unitIntro: "Your unit's tasks, its remediation plan, the targets it leads, the province's external indices and its criteria at risk of losing points.",
  links: {
    notices: 'Conclusion notices',
    tasks: 'Tasks',
    plans: 'Remediation plans',
    targets: 'Targets',
    external: 'External indices',
    risk: 'Points at risk',
  },
};

i18n.addResourceBundle('vi', NS, vi, true, false);
i18n.addResourceBundle('en', NS, en, true, false);

export const useFollowUpT = () => useTranslation(NS);
