import { App as AntApp, Button, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { suppliedPointsTemplateUrl, useImportSuppliedPoints } from '../../api/appraisal';
import { ImportDialog, useTableImport } from '../../components/ImportDialog';
import { formatInteger } from '../../format';
import { useCyT } from './parts';

/**
 * Survey points from a survey run elsewhere (điều tra xã hội học), until the survey module exists:
 * the administrator downloads the template, fills the points and imports them (all or nothing).
 */
export function SurveyPointsImportModal({ cycleId, onClose }: { cycleId: string; onClose: () => void }) {
  const { t } = useCyT();
  const { message } = AntApp.useApp();
  const imp = useImportSuppliedPoints(cycleId);
  const { texts, problemColumns } = useTableImport(t('survey.title'), t('survey.drop'));
  const counts = (r: { imported: number; blank: number }) => ({ imported: formatInteger(r.imported), blank: formatInteger(r.blank) });

  return (
    <ImportDialog
      texts={texts}
      accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      intro={
        <>
          <Typography.Paragraph>{t('survey.text')}</Typography.Paragraph>
          <Typography.Paragraph type="secondary">{t('survey.columns')}</Typography.Paragraph>
          <Typography.Paragraph>
            <Button icon={<DownloadOutlined />} href={suppliedPointsTemplateUrl(cycleId)} download>
              {t('survey.template')}
            </Button>
          </Typography.Paragraph>
        </>
      }
      send={(file, dryRun) => imp.mutateAsync({ file, dryRun })}
      checkedSummary={(r) => t('survey.summary', counts(r))}
      problemColumns={problemColumns}
      onImported={(r) => {
        void message.success(t('survey.done', counts(r)));
        onClose();
      }}
      onClose={onClose}
    />
  );
}
