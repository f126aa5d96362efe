import { Button } from 'antd';
import { CalculatorOutlined } from '@ant-design/icons';
import { Link } from '@tanstack/react-router';
import { useScoringT } from './i18n';

/** "Tính thử điểm" on a framework version: opens the scoring page for it. */
export function ScoreButton({ versionId }: { versionId: string }) {
  const { t } = useScoringT();
  return (
    <Link to="/frameworks/versions/$versionId/score" params={{ versionId }}>
      <Button icon={<CalculatorOutlined />}>{t('open')}</Button>
    </Link>
  );
}
