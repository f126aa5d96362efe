import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useHealth } from '../api/hooks';
import { formatDateTime } from '../format';

/** For administrators: the server's self-check found the audit trail or a publication changed behind chiso's back. */
export function IntegrityBanner({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  const { data } = useHealth();
  const check = data?.integrity;
  if (!admin || check?.status !== 'broken') return null;
  return (
    <Alert
      className="chiso-demo-banner"
      type="error"
      banner
      showIcon
      role="alert"
      title={
        <span>
          <strong>{t('integrity.banner')}</strong> — {t('integrity.bannerText', { time: check.checkedAt ? formatDateTime(check.checkedAt) : '', count: check.problems })}
        </span>
      }
    />
  );
}
