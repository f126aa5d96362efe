import { useEffect, useState, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider, theme as antTheme, type ThemeConfig } from 'antd';
import viVN from 'antd/es/locale/vi_VN';
import enUS from 'antd/es/locale/en_US';
import { useTranslation } from 'react-i18next';
import { FONT_SIZES, PreferencesProvider, usePreferences } from './preferences';

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

/** Whether the system asks for less motion (an accessibility setting): then Ant Design animates nothing. */
function usePrefersReducedMotion(): boolean {
  const [reduced, setReduced] = useState(() => typeof window !== 'undefined' && window.matchMedia?.(REDUCED_MOTION).matches === true);
  useEffect(() => {
    const query = window.matchMedia?.(REDUCED_MOTION);
    if (!query) return;
    const update = () => setReduced(query.matches);
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return reduced;
}

function Themed({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const { textSize, highContrast } = usePreferences();
  const motion = !usePrefersReducedMotion();
  const fontSize = FONT_SIZES[textSize];
  const theme: ThemeConfig = {
    algorithm: antTheme.defaultAlgorithm,
    token: highContrast
      ? {
          fontSize,
          motion,
          colorPrimary: '#003a8c',
          colorText: '#000000',
          colorTextSecondary: '#1f1f1f',
          colorTextDescription: '#1f1f1f',
          colorTextPlaceholder: '#434343',
          colorBorder: '#000000',
          colorBorderSecondary: '#434343',
          colorLink: '#002766',
          colorError: '#a8071a',
          colorWarningText: '#613400',
          borderRadius: 2,
          lineWidth: 2,
        }
      : { fontSize, motion, colorPrimary: '#0b5cad', colorLink: '#0b5cad', colorTextPlaceholder: '#6b6b6b' },
    components: highContrast
      ? { Layout: { headerBg: '#000000', siderBg: '#ffffff', bodyBg: '#ffffff' } }
      : { Layout: { headerBg: '#0b3d73', siderBg: '#ffffff', bodyBg: '#f3f5f8' } },
  };
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : viVN} theme={theme}>
      <AntApp className={highContrast ? 'chiso-app chiso-high-contrast' : 'chiso-app'}>{children}</AntApp>
    </ConfigProvider>
  );
}

export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <PreferencesProvider>
      <Themed>{children}</Themed>
    </PreferencesProvider>
  );
}
