import type { ReactNode } from 'react';
import { Alert, Button, Descriptions, Space } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * Someone else saved the record meanwhile: shows their values and lets the user re-apply
 * their own changes on top, or take the current values. Nothing typed is dropped until they choose.
 */
export function ConflictNotice({ current, onReapply, onUseCurrent }: {
  /** The stored values, as label → value rows. */
  current: readonly (readonly [label: string, value: ReactNode])[];
  onReapply: () => void;
  onUseCurrent: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={t('conflict.title')}
      description={
        <Space orientation="vertical" style={{ width: '100%' }}>
          <span>{t('conflict.text')}</span>
          <Descriptions size="small" column={1} bordered>
            {current.map(([label, value]) => (
              <Descriptions.Item key={label} label={label}>{value}</Descriptions.Item>
            ))}
          </Descriptions>
          <Space wrap>
            <Button type="primary" onClick={onReapply}>
              {t('conflict.reapply')}
            </Button>
            <Button onClick={onUseCurrent}>{t('conflict.useCurrent')}</Button>
          </Space>
        </Space>
      }
    />
  );
}
