import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useHealth } from '../api/hooks';

export function DemoBanner() {
  const { t } = useTranslation();
  const { data } = useHealth();
  if (!data?.demo) return null;
  return (
    <Alert
      className="chiso-demo-banner"
      type="warning"
      banner
      showIcon
      role="status"
      title={
        <span>
          <strong>{t('demo.banner')}</strong> — {t('demo.bannerText')}
        </span>
      }
    />
  );
}
