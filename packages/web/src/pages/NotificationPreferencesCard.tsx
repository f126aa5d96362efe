/**
 * "Thông báo" on the user's own account page: one e-mail per notification, or one daily digest.
 * Saved as soon as it is chosen.
 */
import { Alert, App as AntApp, Card, Radio, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import i18n from '../i18n';
import vi from '../i18n/vi/notifications.json';
import en from '../i18n/en/notifications.json';
import { useNotificationPreferences, useSetNotificationDelivery, type NotificationDelivery } from '../api/notifications';
import { SaveError } from '../components/errors';

const NS = 'notifications';
if (!i18n.hasResourceBundle('vi', NS)) i18n.addResourceBundle('vi', NS, vi, true, true);
if (!i18n.hasResourceBundle('en', NS)) i18n.addResourceBundle('en', NS, en, true, true);

export function NotificationPreferencesCard() {
  const { t } = useTranslation(NS);
  const { message } = AntApp.useApp();
  const prefs = useNotificationPreferences();
  const save = useSetNotificationDelivery();

  const choose = (delivery: NotificationDelivery) =>
    save.mutate(delivery, { onSuccess: () => void message.success(t('saved')) });

  return (
    <Card style={{ marginTop: 16 }} aria-labelledby="notification-preferences-title">
      <Typography.Title level={2} id="notification-preferences-title" style={{ fontSize: 20, marginTop: 0 }}>
        {t('title')}
      </Typography.Title>
      {prefs.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : prefs.data ? (
        <>
          <Typography.Paragraph>{t('intro')}</Typography.Paragraph>
          {!prefs.data.mailEnabled && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('noMail')} />}
          {prefs.data.mailEnabled && !prefs.data.email && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('noEmail')} />}
          <SaveError error={save.error} />
          <Radio.Group
            value={save.isPending ? save.variables : prefs.data.delivery}
            onChange={(e) => choose(e.target.value as NotificationDelivery)}
            disabled={save.isPending}
            aria-labelledby="notification-preferences-title"
          >
            <Space orientation="vertical" size={12}>
              <Radio value="immediate">
                <div>{t('immediate')}</div>
                <Typography.Text type="secondary">{t('immediateHint')}</Typography.Text>
              </Radio>
              <Radio value="daily_digest">
                <div>{t('dailyDigest')}</div>
                <Typography.Text type="secondary">{t('dailyDigestHint', { hour: prefs.data.digestHour })}</Typography.Text>
              </Radio>
            </Space>
          </Radio.Group>
          {prefs.data.email && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              {t('sendsTo', { email: prefs.data.email })}
            </Typography.Paragraph>
          )}
        </>
      ) : (
        <SaveError error={prefs.error} />
      )}
    </Card>
  );
}
