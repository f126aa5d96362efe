import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { setLanguage, type Lang } from '../i18n';

export function LanguageSwitch({ dark }: { dark?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'vi';
  return (
    <Segmented<Lang>
      aria-label={t('prefs.language')}
      size="small"
      value={lang}
      onChange={(v) => setLanguage(v)}
      style={dark ? undefined : undefined}
      options={[
        { value: 'vi', label: <span lang="vi" title="Tiếng Việt">VI</span> },
        { value: 'en', label: <span lang="en" title="English">EN</span> },
      ]}
    />
  );
}
