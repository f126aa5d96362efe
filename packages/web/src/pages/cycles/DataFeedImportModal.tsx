import { App as AntApp, Button, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { feedTemplateUrl, useImportFeedValues, type FeedImported } from '../../api/data-feeds';
import { ImportDialog, useTableImport } from '../../components/ImportDialog';
import { formatInteger } from '../../format';
import { useDfT } from './data-feeds-i18n';

/** Data-feed figures from a spreadsheet: template, check, import (all or nothing). */
export function DataFeedImportModal({ cycleId, onClose }: { cycleId: string; onClose: () => void }) {
  const { t } = useDfT();
  const { message } = AntApp.useApp();
  const imp = useImportFeedValues(cycleId);
  const { texts, problemColumns } = useTableImport(t('importTitle'), t('importDrop'));
  const counts = (r: FeedImported) => ({ imported: formatInteger(r.imported), blank: formatInteger(r.blank), unchanged: formatInteger(r.unchanged) });
  return (
    <ImportDialog
      texts={texts}
      accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      intro={
        <>
          <Typography.Paragraph>{t('importText')}</Typography.Paragraph>
          <Typography.Paragraph type="secondary">{t('importColumns')}</Typography.Paragraph>
          <Typography.Paragraph>
            <Button icon={<DownloadOutlined />} href={feedTemplateUrl(cycleId)} download>{t('template')}</Button>
          </Typography.Paragraph>
        </>
      }
      send={(file, dryRun) => imp.mutateAsync({ file, dryRun })}
      checkedSummary={(r) => t('importSummary', counts(r))}
      problemColumns={problemColumns}
      onImported={(r) => {
        void message.success(t('importDone', counts(r)));
        onClose();
      }}
      onClose={onClose}
    />
  );
}
