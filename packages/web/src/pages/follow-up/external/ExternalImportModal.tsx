import { useState } from 'react';
import { App as AntApp, Button, InputNumber, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { externalTemplateUrl, useImportExternalValues, type ExternalImported, type ExternalIndexDetail } from '../../../api/external-indices';
import { ImportDialog, useTableImport } from '../../../components/ImportDialog';
import { formatInteger } from '../../../format';
import { useExternalT } from './i18n';

/** An index's values from a spreadsheet: the year's template, check, import (all or nothing). */
export function ExternalImportModal({ index, onClose }: { index: ExternalIndexDetail; onClose: () => void }) {
  const { t } = useExternalT();
  const { message } = AntApp.useApp();
  const imp = useImportExternalValues(index.key);
  const latest = index.editions.at(-1)?.year ?? new Date().getFullYear();
  const [year, setYear] = useState(latest + (index.periodicity === 'year' ? 1 : 0));
  const { texts, problemColumns } = useTableImport(t('importTitle', { label: index.label }), t('importDrop'));
  const counts = (r: ExternalImported) => ({ imported: formatInteger(r.imported), unchanged: formatInteger(r.unchanged), blank: formatInteger(r.blank) });
  return (
    <ImportDialog
      texts={texts}
      accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      intro={
        <>
          <Typography.Paragraph>{t('importText', { units: index.subjects === 'province_and_units' ? t('importUnits') : '' })}</Typography.Paragraph>
          <Space wrap style={{ marginBottom: 16 }}>
            <span>{t('templateYear')}</span>
            <InputNumber aria-label={t('templateYear')} min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
            <Button icon={<DownloadOutlined />} href={externalTemplateUrl(index.key, year)} download>{t('template')}</Button>
          </Space>
        </>
      }
      send={(file, dryRun) => imp.mutateAsync({ file, dryRun })}
      checkedSummary={(r) => (
        <>
          <div>{t('importSummary', counts(r))}</div>
          {r.newEditions.length > 0 && <div>{t('importNewEditions', { years: r.newEditions.join(', ') })}</div>}
        </>
      )}
      problemColumns={problemColumns}
      onImported={(r) => {
        void message.success(t('importDone', counts(r)));
        onClose();
      }}
      onClose={onClose}
    />
  );
}
