import { Button, Popover, Segmented, Space, Switch, Tooltip } from 'antd';
import { FontSizeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { usePreferences, type TextSize } from './preferences';

/** Language, text size and contrast: in the header on wide screens, behind one button on phones. */
export function DisplaySettings({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const { textSize, setTextSize, highContrast, setHighContrast } = usePreferences();
  const controls = (
    <Space size="middle" wrap orientation={compact ? 'vertical' : 'horizontal'} align={compact ? 'start' : 'center'}>
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
      <Tooltip title={compact ? undefined : t('prefs.highContrast')}>
        <Space size={4}>
          <Switch size="small" checked={highContrast} onChange={setHighContrast} aria-label={t('prefs.highContrast')} />
          <span style={compact ? undefined : { color: '#fff' }} aria-hidden>
            {compact ? t('prefs.highContrast') : t('prefs.contrastShort')}
          </span>
        </Space>
      </Tooltip>
    </Space>
  );
  if (!compact) return controls;
  return (
    <Popover trigger="click" placement="bottomRight" content={controls} title={t('prefs.display')}>
      <Button type="text" className="chiso-header-icon" icon={<FontSizeOutlined />} aria-label={t('prefs.display')} />
    </Popover>
  );
}
