import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Dropdown, Empty, Select, Space, Spin, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ArrowLeftOutlined, CalculatorOutlined, DownloadOutlined, FileExcelOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Link, useNavigate } from '@tanstack/react-router';
import { useFrameworkVersion, useFrameworks } from '../../api/frameworks';
import { downloadScoreWorkbook, scoreTemplateUrl, useScoreVersion, type ScoreExplanation, type ScoreFiles, type ScoreResult, type ScoreRow } from '../../api/scoring';
import { isApiError } from '../../api/client';
import { QueryError, useErrorMessage } from '../../components/errors';
import { formatDecimal } from '../../format';
import { useScoringT } from './i18n';

/** Exact decimal string from the server ("73.79") shown with the Vietnamese decimal comma ("73,79"). */
export const viDecimal = (s: string | null | undefined): string => formatDecimal(s, { group: false });

/** For sorting only (display stays exact). */
const num = (s: string | null | undefined): number => (s ? Number(s) : Number.NEGATIVE_INFINITY);

function FilePick({ label, hint, file, onChange, testId }: { label: string; hint: string; file: File | null; onChange: (f: File | null) => void; testId: string }) {
  const { t } = useScoringT();
  return (
    <Space orientation="vertical" size={2} data-testid={testId}>
      <Typography.Text strong>{label}</Typography.Text>
      <Space wrap>
        <Upload
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(f) => {
            onChange(f);
            return false;
          }}
        >
          <Button icon={<PaperClipOutlined />}>{t('choose')}</Button>
        </Upload>
        {file && (
          <Tag closable onClose={() => onChange(null)} closeIcon={<span aria-label={t('remove')}>×</span>}>
            {file.name}
          </Tag>
        )}
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{hint}</Typography.Text>
    </Space>
  );
}

function Detail({ row }: { row: ScoreRow }) {
  const { t } = useScoringT();
  const columns: ColumnsType<ScoreExplanation> = [
    { title: t('detail.code'), dataIndex: 'code', width: 80, render: (code: string, e) => <span style={{ paddingInlineStart: (e.depth - 1) * 12, fontWeight: e.leaf ? undefined : 600 }}>{code}</span> },
    { title: t('detail.criterion'), dataIndex: 'name', render: (name: string, e) => <span style={{ fontWeight: e.leaf ? undefined : 600 }}>{name}</span> },
    {
      title: t('detail.points'),
      key: 'points',
      align: 'right',
      width: 90,
      render: (_, e) => (e.applicable ? <span data-testid={`detail-${row.unit}-${e.code}`}>{viDecimal(e.achieved)}</span> : <Tag>{t('detail.notApplicable')}</Tag>),
    },
    { title: t('detail.max'), key: 'max', align: 'right', width: 110, render: (_, e) => (e.applicable ? viDecimal(e.applicableMax) : '—') },
    { title: t('detail.explanation'), dataIndex: 'text', render: (text: string) => <Typography.Text type="secondary">{text}</Typography.Text> },
  ];
  return (
    <Table<ScoreExplanation>
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={row.explanations}
      pagination={false}
      aria-label={t('detail.title', { unit: row.unit })}
    />
  );
}

function Results({ result }: { result: ScoreResult }) {
  const { t } = useScoringT();
  const showBonus = result.rows.some((r) => num(r.bonus) !== 0);
  const showGroup = new Set(result.rows.map((r) => r.group)).size > 1;
  const columns: ColumnsType<ScoreRow> = [
    { title: t('col.unit'), dataIndex: 'unit', fixed: 'left', width: 110, sorter: (a, b) => a.unit.localeCompare(b.unit, 'vi') },
    { title: t('col.name'), dataIndex: 'name', width: 240, sorter: (a, b) => a.name.localeCompare(b.name, 'vi') },
    ...(showGroup ? [{ title: t('col.group'), dataIndex: 'group', width: 140, sorter: (a: ScoreRow, b: ScoreRow) => a.group.localeCompare(b.group, 'vi') }] : []),
    ...result.fields.map(
      (f): ColumnsType<ScoreRow>[number] => ({
        title: <Tooltip title={f.name}>{t('col.field', { code: f.code })}</Tooltip>,
        key: `field-${f.key}`,
        align: 'right',
        width: 80,
        sorter: (a, b) => num(a.fieldPoints[f.key]) - num(b.fieldPoints[f.key]),
        render: (_, r) =>
          r.fieldPoints[f.key] === undefined ? (
            <Tooltip title={t('fieldNotApplicable')}>
              <span data-testid={`field-${r.unit}-${f.code}`}>—</span>
            </Tooltip>
          ) : (
            <span data-testid={`field-${r.unit}-${f.code}`}>{viDecimal(r.fieldPoints[f.key])}</span>
          ),
      }),
    ),
    { title: t('col.total'), key: 'total', align: 'right', width: 95, sorter: (a, b) => num(a.total) - num(b.total), render: (_, r) => <span data-testid={`total-${r.unit}`}>{viDecimal(r.total)}</span> },
    ...(showBonus
      ? [{ title: t('col.bonus'), key: 'bonus', align: 'right' as const, width: 90, sorter: (a: ScoreRow, b: ScoreRow) => num(a.bonus) - num(b.bonus), render: (_: unknown, r: ScoreRow) => viDecimal(r.bonus) }]
      : []),
    {
      title: t('col.applicableMax'),
      key: 'applicableMax',
      align: 'right',
      width: 110,
      sorter: (a, b) => num(a.applicableMax) - num(b.applicableMax),
      render: (_, r) => <span data-testid={`max-${r.unit}`}>{viDecimal(r.applicableMax)}</span>,
    },
    {
      title: t('col.index'),
      key: 'index', fixed: 'right',
      align: 'right',
      width: 90,
      sorter: (a, b) => num(a.index) - num(b.index),
      render: (_, r) => <strong data-testid={`index-${r.unit}`}>{viDecimal(r.index)}</strong>,
    },
    {
      title: t('col.rank'),
      key: 'rank', fixed: 'right',
      align: 'right',
      width: 90,
      sorter: (a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER),
      render: (_, r) => <span data-testid={`rank-${r.unit}`}>{r.rank ?? '—'}</span>,
    },
    {
      title: t('col.class'),
      key: 'class', fixed: 'right',
      width: 110,
      sorter: (a, b) => (a.classLabel ?? '').localeCompare(b.classLabel ?? '', 'vi'),
      render: (_, r) => <span data-testid={`class-${r.unit}`}>{r.classLabel ?? '—'}</span>,
    },
  ];
  return (
    <Table<ScoreRow>
      data-testid="score-results"
      size="middle"
      rowKey="unit"
      columns={columns}
      dataSource={result.rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      expandable={{ expandedRowRender: (r) => <Detail row={r} /> }}
    />
  );
}

export function ScorePage({ versionId }: { versionId: string }) {
  const { t } = useScoringT();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const errorMessage = useErrorMessage();
  const version = useFrameworkVersion(versionId);
  const library = useFrameworks({});
  const score = useScoreVersion(versionId);
  const [inputs, setInputs] = useState<File | null>(null);
  const [units, setUnits] = useState<File | null>(null);
  const [scored, setScored] = useState<ScoreFiles | null>(null);
  const [exporting, setExporting] = useState(false);

  const summary = library.data?.items.find((f) => f.id === version.data?.frameworkId);
  const versionOptions = useMemo(
    () =>
      (library.data?.items ?? []).flatMap((f) =>
        [...f.versions]
          .sort((a, b) => b.number - a.number)
          .map((v) => ({ value: v.id, label: `${f.name} · ${f.year} · ${t('versionN', { number: v.number })}` })),
      ),
    [library.data, t],
  );

  if (version.isError) return <QueryError error={version.error} onRetry={() => void version.refetch()} />;
  if (!version.data) return <Spin />;

  const run = () => {
    if (!inputs) return;
    const files = { inputs, units };
    score.mutate(files, { onSuccess: () => setScored(files) });
  };
  const exportXlsx = async () => {
    if (!scored) return;
    setExporting(true);
    try {
      await downloadScoreWorkbook(versionId, scored);
    } catch (e) {
      void message.error(`${t('exportFailed')}: ${errorMessage(e)}`);
    } finally {
      setExporting(false);
    }
  };
  const doc = version.data.document as { name?: string };
  const failure = score.error;
  const result = score.data;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space orientation="vertical" size={0}>
        <Link to="/frameworks/versions/$versionId" params={{ versionId }}>
          <ArrowLeftOutlined /> {t('back')}
        </Link>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <Typography.Text type="secondary">
          {doc.name ?? summary?.name}
          {summary ? ` · ${summary.groupLabel}` : ''} · {t('versionN', { number: version.data.number })}
        </Typography.Text>
      </Space>

      <Card title={t('files')}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('intro')}</Typography.Paragraph>
          <Space wrap align="center">
            <Typography.Text>{t('version')}</Typography.Text>
            <Select
              aria-label={t('version')}
              style={{ minWidth: 420 }}
              value={versionId}
              loading={library.isLoading}
              options={versionOptions.length > 0 ? versionOptions : [{ value: versionId, label: doc.name ?? versionId }]}
              onChange={(id: string) => {
                score.reset();
                setScored(null);
                void navigate({ to: '/frameworks/versions/$versionId/score', params: { versionId: id } });
              }}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Space>
          <Space wrap size="large" align="start">
            <FilePick label={t('inputs')} hint={t('inputsHint')} file={inputs} onChange={setInputs} testId="pick-inputs" />
            <FilePick label={t('units')} hint={t('unitsHint')} file={units} onChange={setUnits} testId="pick-units" />
          </Space>
          <Space wrap>
            <Button type="primary" icon={<CalculatorOutlined />} disabled={!inputs} loading={score.isPending} onClick={run}>
              {t('run')}
            </Button>
            <Dropdown
              menu={{
                items: (['xlsx', 'csv'] as const).map((format) => ({
                  key: format,
                  label: (
                    <a href={scoreTemplateUrl(versionId, format)} download>
                      {t(format === 'csv' ? 'templateCsv' : 'templateXlsx')}
                    </a>
                  ),
                })),
              }}
            >
              <Button icon={<DownloadOutlined />}>{t('template')}</Button>
            </Dropdown>
            <Button icon={<FileExcelOutlined />} disabled={!result || !scored} loading={exporting} onClick={() => void exportXlsx()}>
              {t('export')}
            </Button>
          </Space>
        </Space>
      </Card>

      {failure && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={isApiError(failure) && failure.code === 'IMPORT_INVALID' ? t('invalid') : errorMessage(failure)}
          description={
            isApiError(failure) && failure.details.length > 0 ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="score-problems">
                {failure.details.map((d, i) => (
                  <li key={i}>{d.message}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}

      {result && !failure ? (
        <Card title={`${t('results', { count: result.rows.length })}${new Set(result.rows.map((r) => r.group)).size === 1 ? ` · ${result.rows[0]!.group}` : ''}`}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {result.issues.length > 0 && (
              <Alert
                type="warning"
                showIcon
                title={t('notes', { count: result.issues.length })}
                description={
                  <ul style={{ margin: 0, paddingInlineStart: 20, maxHeight: 160, overflow: 'auto' }}>
                    {result.issues.map((i, n) => (
                      <li key={n}>
                        {i.unit}: {i.message}
                      </li>
                    ))}
                  </ul>
                }
              />
            )}
            <Results result={result} />
          </Space>
        </Card>
      ) : (
        !failure && <Empty description={t('empty')} />
      )}
    </Space>
  );
}
