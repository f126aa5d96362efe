import { useState } from 'react';
import { Button, Drawer, Dropdown, Grid, Layout, Menu, Space, App as AntApp } from 'antd';
import { CheckSquareOutlined, CommentOutlined, MenuOutlined, ApartmentOutlined, BarChartOutlined, AuditOutlined, CalendarOutlined, FileSearchOutlined, SolutionOutlined, FormOutlined, HomeOutlined, OrderedListOutlined, LogoutOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLogout, useMe } from '../api/hooks';
import { DemoBanner } from '../components/DemoBanner';
import { IntegrityBanner } from '../components/IntegrityBanner';
import { areasFor, type Area } from './navigation';
import { DisplaySettings } from './DisplaySettings';
import { useErrorMessage } from '../components/errors';
import { NotificationBell } from '../pages/assessment/NotificationBell';
import '../pages/results/nav-i18n'; // the side navigation's label "Kết quả"
import '../pages/follow-up/nav-i18n';
import '../pages/survey/nav-i18n';

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
  results: '/results',
  followUp: '/follow-up',
  surveys: '/surveys',
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
  results: <BarChartOutlined />,
  followUp: <CheckSquareOutlined />,
  surveys: <CommentOutlined />,
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
  const screens = Grid.useBreakpoint();
  // Phones and small tablets: the header keeps icons only and the menu opens in a drawer.
  const compact = screens.md === false;
  const drawerNav = screens.lg === false;
  const [navOpen, setNavOpen] = useState(false);

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

  const menu = (
    <Menu
      mode="inline"
      selectedKeys={selected}
      style={{ height: '100%', borderInlineEnd: 0 }}
      onClick={() => setNavOpen(false)}
      items={areas.map((a) => ({
        key: a,
        icon: AREA_ICONS[a],
        label: <Link to={AREA_PATHS[a]}>{t(a === 'myWork' ? 'assessment:nav.myWork' : `nav.${a}`)}</Link>,
      }))}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('a11y.skipToContent')}
      </a>
      <DemoBanner />
      <IntegrityBanner admin={me?.roles.includes('admin') ?? false} />
      <Layout.Header className="chiso-header" role="banner">
        {drawerNav && (
          <Button type="text" className="chiso-header-icon" icon={<MenuOutlined />} aria-label={t('nav.open')} aria-expanded={navOpen} onClick={() => setNavOpen(true)} />
        )}
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <span className="spacer" />
        <Space size={compact ? 4 : 'middle'} className="chiso-header-tools">
          <NotificationBell />
          <DisplaySettings compact={compact} />
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                ...(compact ? [{ key: 'who', disabled: true, label: <span className="who-menu">{me.fullName}<small>{me.unit.name}</small></span> }] : []),
                {
                  key: 'password',
                  label: <Link to="/change-password">{t('auth.changePassword')}</Link>,
                },
                { key: 'logout', icon: <LogoutOutlined />, label: t('auth.logout'), onClick: onLogout },
              ],
            }}
          >
            <Button type="text" className="chiso-header-icon" style={{ height: 'auto' }} aria-label={t('header.account', { name: me.fullName })}>
              <Space>
                <UserOutlined />
                {!compact && (
                  <span className="who">
                    {me.fullName}
                    <small>{me.unit.name}</small>
                  </span>
                )}
              </Space>
            </Button>
          </Dropdown>
          <Button icon={<LogoutOutlined />} onClick={onLogout} loading={logout.isPending} aria-label={t('auth.logout')}>
            {compact ? null : t('auth.logout')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        {drawerNav ? (
          <Drawer open={navOpen} onClose={() => setNavOpen(false)} placement="left" size={260} title={t('nav.label')} styles={{ body: { padding: 0 } }}>
            <nav aria-label={t('nav.label')}>{menu}</nav>
          </Drawer>
        ) : (
          <Layout.Sider width={230} theme="light" role="navigation" aria-label={t('nav.label')}>
            {menu}
          </Layout.Sider>
        )}
        <Layout.Content id="main" className="chiso-content" role="main" tabIndex={-1}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
