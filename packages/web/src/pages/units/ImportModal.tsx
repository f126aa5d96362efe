import { App as AntApp, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useImportUnits } from '../../api/hooks';
import { ImportDialog, useTableImport } from '../../components/ImportDialog';
import { formatInteger } from '../../format';

export function ImportModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const imp = useImportUnits();
  const { texts, problemColumns } = useTableImport(t('units.import.title'), t('units.import.drop'));

  return (
    <ImportDialog
      texts={texts}
      accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      intro={
        <>
          <Typography.Paragraph>{t('units.import.text')}</Typography.Paragraph>
          <Typography.Paragraph>
            <Typography.Text code>code, name, shortName, type, parentCode, validFrom, validTo</Typography.Text>
          </Typography.Paragraph>
        </>
      }
      send={(file, dryRun) => imp.mutateAsync({ file, dryRun })}
      checkedSummary={(r) => t('units.import.summary', { created: formatInteger(r.created), updated: formatInteger(r.updated) })}
      problemColumns={problemColumns}
      onImported={(r) => {
        void message.success(t('units.import.done', { created: formatInteger(r.created), updated: formatInteger(r.updated) }));
        onClose();
      }}
      onClose={onClose}
    />
  );
}
