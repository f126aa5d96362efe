import type { ReactNode } from 'react';
import { Button, Layout, Space, Tooltip } from 'antd';
import { LoginOutlined } from '@ant-design/icons';
import { Link } from '@tanstack/react-router';
import { DemoBanner } from '../../components/DemoBanner';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { idx, useCyT } from '../cycles/parts';

export type PublicPath = '/cong-khai' | '/public';

/** The public site's frame: a header with the site's name, the language and the login, then the page. */
export function PublicLayout({ path, children }: { path: PublicPath; children: ReactNode }) {
  const { t } = useCyT();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <DemoBanner />
      <Layout.Header className="chiso-header" role="banner">
        <Link to={path} className="brand">{t('public.title')}</Link>
        <span className="spacer" />
        <Space>
          <LanguageSwitch dark />
          <Link to="/login" search={{ redirect: undefined }}><Button icon={<LoginOutlined />}>{t('public.login')}</Button></Link>
        </Space>
      </Layout.Header>
      <Layout.Content id="main" className="chiso-content" role="main">{children}</Layout.Content>
    </Layout>
  );
}

/** A link to a unit's public page, in the site's language. */
export function UnitLink({ path, unitId, children, title }: { path: PublicPath; unitId: string; children: ReactNode; title?: string }) {
  return path === '/cong-khai'
    ? <Link to="/cong-khai/don-vi/$unitId" params={{ unitId }} title={title}>{children}</Link>
    : <Link to="/public/units/$unitId" params={{ unitId }} title={title}>{children}</Link>;
}

/** A field's column header: code and name, cut after three lines (the full name on hover). */
export function FieldHeader({ code, name }: { code: string; name: string }) {
  return (
    <Tooltip title={`${code}. ${name}`}>
      <span className="public-field-header">{code}. {name}</span>
    </Tooltip>
  );
}


/** A field's figure as published: its component index; a dash where it has none (the field did not apply to the unit). */
export function fieldValue(f: { componentIndex: string | null }): string {
  return f.componentIndex !== null ? idx(f.componentIndex) : '—';
}
