import { useState, type ReactNode } from 'react';
import { Alert, Button, Form, Input, Layout, theme, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useHealth, useLogin } from '../api/hooks';
import { DemoBanner } from '../components/DemoBanner';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { SaveError } from '../components/errors';
import { homePathFor } from '../app/navigation';
import './cycles/i18n'; // the public results link's text (cycles:public.link)

interface LoginValues {
  username: string;
  password: string;
}

/** Password the demo loader gives every demo account (packages/server/src/demo); `/health` says only whether the demo is loaded. */
export const DEMO_PASSWORD_FALLBACK = 'chiso-demo-2025';

/**
 * The form's frame, drawn with the theme's tokens exactly as antd's Card draws a card without a
 * title: the Card component would bring its tabs and their menus into the login page's code.
 */
function Frame({ children }: { children: ReactNode }) {
  const { token } = theme.useToken();
  return (
    <div
      style={{
        position: 'relative',
        boxSizing: 'border-box',
        color: token.colorText,
        fontSize: token.fontSize,
        lineHeight: token.lineHeight,
        fontFamily: token.fontFamily,
        background: token.colorBgContainer,
        border: `${token.lineWidth}px ${token.lineType} ${token.colorBorderSecondary}`,
        borderRadius: token.borderRadiusLG,
        padding: token.paddingLG,
      }}
    >
      {children}
    </div>
  );
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const search = useSearch({ from: '/login' });
  const health = useHealth();
  const login = useLogin();
  const [form] = Form.useForm<LoginValues>();
  const [error, setError] = useState<unknown>(null);

  const onFinish = (values: LoginValues) => {
    setError(null);
    login.mutate(values, {
      onSuccess: (s) => {
        if (s.user.mustChangePassword) {
          void navigate({ to: '/change-password' });
        } else if (search.redirect && search.redirect !== '/login') {
          void navigate({ to: search.redirect });
        } else {
          void navigate({ to: homePathFor(s.user) });
        }
      },
      onError: (e) => {
        setError(e);
        form.setFieldValue('password', values.password);
      },
    });
  };

  const demo = health.data?.demo === true;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <DemoBanner />
      <Layout.Content style={{ display: 'flex', justifyContent: 'center', alignItems: 'flex-start', padding: '48px 16px' }}>
        <main style={{ width: '100%', maxWidth: 420 }}>
          <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 12 }}>
            <LanguageSwitch />
          </div>
          <Frame>
            <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{t('auth.loginIntro')}</Typography.Paragraph>
            {demo && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 16 }}
                title={t('demo.banner')}
                description={t('demo.loginHint', { password: DEMO_PASSWORD_FALLBACK })}
              />
            )}
            <SaveError error={error} />
            <Form<LoginValues> form={form} layout="vertical" onFinish={onFinish} requiredMark={false} disabled={login.isPending}>
              <Form.Item
                name="username"
                label={t('auth.username')}
                rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
              >
                <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus />
              </Form.Item>
              <Form.Item
                name="password"
                label={t('auth.password')}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={login.isPending}>
                {t('auth.login')}
              </Button>
            </Form>
            <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
              <Link to="/cong-khai">{t('cycles:public.link')}</Link>
            </Typography.Paragraph>
          </Frame>
        </main>
      </Layout.Content>
    </Layout>
  );
}
