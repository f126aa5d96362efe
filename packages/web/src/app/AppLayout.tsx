import { Button, Dropdown, Layout, Menu, Segmented, Space, Switch, Tooltip, App as AntApp } from 'antd';
import { ApartmentOutlined, AuditOutlined, CalendarOutlined, FileSearchOutlined, SolutionOutlined, FormOutlined, HomeOutlined, OrderedListOutlined, LogoutOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLogout, useMe } from '../api/hooks';
import { DemoBanner } from '../components/DemoBanner';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { areasFor, type Area } from './navigation';
import { usePreferences, type TextSize } from './preferences';
import { useErrorMessage } from '../components/errors';
import { NotificationBell } from '../pages/assessment/NotificationBell';

const AREA_PATHS: Record<Area, string> = {
  myWork: '/my-work',
  myUnit: '/my-unit',
  units: '/units',
  users: '/users',
  audit: '/audit',
  frameworks: '/frameworks',
  cycles: '/cycles',
  appraisal: '/appraisal',
  council: '/council',
};

const AREA_ICONS: Record<Area, React.ReactNode> = {
  myWork: <FormOutlined />,
  myUnit: <HomeOutlined />,
  units: <ApartmentOutlined />,
  users: <TeamOutlined />,
  audit: <AuditOutlined />,
  frameworks: <OrderedListOutlined />,
  cycles: <CalendarOutlined />,
  appraisal: <FileSearchOutlined />,
  council: <SolutionOutlined />,
};

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const navigate = useNavigate();
  const logout = useLogout();
  const { message } = AntApp.useApp();
  const errMsg = useErrorMessage();
  const { textSize, setTextSize, highContrast, setHighContrast } = usePreferences();

  const areas = me ? areasFor(me) : [];
  const selected = areas.filter((a) => pathname === AREA_PATHS[a] || pathname.startsWith(AREA_PATHS[a] + '/'));

  const onLogout = () => {
    logout.mutate(undefined, {
      onSettled: (_d, err) => {
        if (err) void message.error(errMsg(err));
        void navigate({ to: '/login', search: { redirect: undefined } }).then(() => qc.clear());
      },
    });
  };

  if (!me) return null;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('a11y.skipToContent')}
      </a>
      <DemoBanner />
      <Layout.Header className="chiso-header" role="banner">
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <span className="spacer" />
        <Space size="middle" wrap>
          <NotificationBell />
          <LanguageSwitch dark />
          <Segmented<TextSize>
            aria-label={t('prefs.textSize')}
            size="small"
            value={textSize}
            onChange={setTextSize}
            options={[
              { value: 'normal', label: <span aria-label={t('prefs.textNormal')}>A</span> },
              { value: 'large', label: <span aria-label={t('prefs.textLarge')}>A+</span> },
              { value: 'larger', label: <span aria-label={t('prefs.textLarger')}>A++</span> },
            ]}
          />
          <Tooltip title={t('prefs.highContrast')}>
            <Space size={4}>
              <Switch
                size="small"
                checked={highContrast}
                onChange={setHighContrast}
                aria-label={t('prefs.highContrast')}
              />
              <span style={{ color: '#fff' }} aria-hidden>
                {t('prefs.contrastShort')}
              </span>
            </Space>
          </Tooltip>
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                {
                  key: 'password',
                  label: <Link to="/change-password">{t('auth.changePassword')}</Link>,
                },
                { key: 'logout', icon: <LogoutOutlined />, label: t('auth.logout'), onClick: onLogout },
              ],
            }}
          >
            <Button type="text" style={{ color: '#fff', height: 'auto' }} aria-label={t('header.account', { name: me.fullName })}>
              <Space>
                <UserOutlined />
                <span className="who">
                  {me.fullName}
                  <small>{me.unit.name}</small>
                </span>
              </Space>
            </Button>
          </Dropdown>
          <Button icon={<LogoutOutlined />} onClick={onLogout} loading={logout.isPending}>
            {t('auth.logout')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={230} breakpoint="lg" collapsedWidth={0} theme="light" role="navigation" aria-label={t('nav.label')}>
          <Menu
            mode="inline"
            selectedKeys={selected}
            style={{ height: '100%', borderInlineEnd: 0 }}
            items={areas.map((a) => ({
              key: a,
              icon: AREA_ICONS[a],
              label: <Link to={AREA_PATHS[a]}>{t(a === 'myWork' ? 'assessment:nav.myWork' : `nav.${a}`)}</Link>,
            }))}
          />
        </Layout.Sider>
        <Layout.Content id="main" className="chiso-content" role="main" tabIndex={-1}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
