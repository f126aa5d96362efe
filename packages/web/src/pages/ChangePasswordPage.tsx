import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Layout, Typography } from 'antd';
import { useNavigate } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { meQuery, useChangePassword, useLogout, useMe } from '../api/hooks';
import { DemoBanner } from '../components/DemoBanner';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { SaveError } from '../components/errors';
import { applyServerErrors } from '../lib/forms';
import { homePathFor } from '../app/navigation';
import { NotificationPreferencesCard } from './NotificationPreferencesCard';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const change = useChangePassword();
  const logout = useLogout();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [extra, setExtra] = useState<{ message: string }[]>([]);

  const onFinish = (v: Values) => {
    setError(null);
    change.mutate(
      { currentPassword: v.currentPassword, newPassword: v.newPassword },
      {
        onSuccess: async () => {
          const s = await qc.fetchQuery({ ...meQuery, staleTime: 0 });
          void navigate({ to: homePathFor(s.user) });
        },
        onError: (e) => {
          setError(e);
          setExtra(applyServerErrors(form, e, ['currentPassword', 'newPassword']));
        },
      },
    );
  };

  const forced = me?.mustChangePassword === true;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <DemoBanner />
      <Layout.Content style={{ display: 'flex', justifyContent: 'center', padding: '48px 16px' }}>
        <main style={{ width: '100%', maxWidth: 460 }}>
          <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 12 }}>
            <LanguageSwitch />
          </div>
          <Card>
            <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
              {t('auth.changePassword')}
            </Typography.Title>
            {forced && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('auth.mustChange')} />}
            <Typography.Paragraph type="secondary">{t('auth.passwordRules')}</Typography.Paragraph>
            <SaveError error={error} extra={extra} />
            <Form<Values> form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
              <Form.Item
                name="currentPassword"
                label={t('auth.currentPassword')}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <Input.Password autoComplete="current-password" autoFocus />
              </Form.Item>
              <Form.Item
                name="newPassword"
                label={t('auth.newPassword')}
                rules={[
                  { required: true, message: t('validation.required') },
                  { min: 10, message: t('validation.passwordMin', { count: 10 }) },
                  {
                    validator: (_r, value: string | undefined) =>
                      value && me && value.trim().toLowerCase() === me.username.toLowerCase()
                        ? Promise.reject(new Error(t('validation.passwordNotUsername')))
                        : Promise.resolve(),
                  },
                ]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Form.Item
                name="confirm"
                label={t('auth.confirmPassword')}
                dependencies={['newPassword']}
                rules={[
                  { required: true, message: t('validation.required') },
                  ({ getFieldValue }) => ({
                    validator: (_r, value: string | undefined) =>
                      !value || getFieldValue('newPassword') === value
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('validation.passwordMismatch'))),
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <div style={{ display: 'flex', gap: 8, justifyContent: 'space-between' }}>
                {forced ? (
                  <Button
                    onClick={() =>
                      logout.mutate(undefined, {
                        onSettled: () => void navigate({ to: '/login', search: { redirect: undefined } }).then(() => qc.clear()),
                      })
                    }
                  >
                    {t('auth.logout')}
                  </Button>
                ) : (
                  <Button onClick={() => void navigate({ to: '/' })}>{t('common.cancel')}</Button>
                )}
                <Button type="primary" htmlType="submit" loading={change.isPending}>
                  {t('auth.savePassword')}
                </Button>
              </div>
            </Form>
          </Card>
          {!forced && <NotificationPreferencesCard />}
        </main>
      </Layout.Content>
    </Layout>
  );
}
