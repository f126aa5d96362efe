import { useState } from 'react';
import { App as AntApp, Button, InputNumber, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { targetTemplateUrl, useImportTargets, type TargetImported, type TargetImportKind, type TargetPlanDetail } from '../../../api/targets';
import { ImportDialog, useTableImport } from '../../../components/ImportDialog';
import { formatInteger } from '../../../format';
import { useTargetsT } from './i18n';

/** A plan's targets (with milestones) or a year's values from a spreadsheet: template, check, import (all or nothing). */
export function TargetImportModal({ plan, kind, year: initial, onClose }: { plan: TargetPlanDetail; kind: TargetImportKind; year: number; onClose: () => void }) {
  const { t } = useTargetsT();
  const { message } = AntApp.useApp();
  const imp = useImportTargets(plan.id, kind);
  const [year, setYear] = useState(initial);
  const { texts, problemColumns } = useTableImport(t(kind === 'targets' ? 'import.targetsTitle' : 'import.valuesTitle'), t('import.drop'));
  const counts = (r: TargetImported) => ({ created: formatInteger(r.created), updated: formatInteger(r.updated), values: formatInteger(r.values) });
  return (
    <ImportDialog
      texts={texts}
      accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      intro={
        <>
          <Typography.Paragraph>{t(kind === 'targets' ? 'import.targetsText' : 'import.valuesText')}</Typography.Paragraph>
          <Space wrap style={{ marginBottom: 16 }}>
            {kind === 'values' && (
              <>
                <span>{t('import.templateYear')}</span>
                <InputNumber aria-label={t('import.templateYear')} min={plan.startYear} max={plan.endYear} value={year} onChange={(v) => v && setYear(v)} />
              </>
            )}
            <Button icon={<DownloadOutlined />} href={targetTemplateUrl(plan.id, kind, year)} download>{t('import.template')}</Button>
          </Space>
        </>
      }
      send={(file, dryRun) => imp.mutateAsync({ file, dryRun })}
      checkedSummary={(r) => t('import.summary', counts(r))}
      problemColumns={problemColumns}
      onImported={(r) => {
        void message.success(t('import.done', counts(r)));
        onClose();
      }}
      onClose={onClose}
    />
  );
}
