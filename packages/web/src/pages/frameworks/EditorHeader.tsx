import { Button, Space, Tag, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, BranchesOutlined, DiffOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Link } from '@tanstack/react-router';
import { formatPoints } from '@chiso/core';
import type { FrameworkSummary, FrameworkVersion } from '../../api/frameworks';
import { ScoreButton } from '../scoring/ScoreButton';
import { ExportMenu } from './FrameworksPage';
import { type Doc, diffBaseVersion, fieldsTotal } from './model';
import { StatusTag, useFwT } from './parts';

/** The version's title line and its actions: save, publish, new version, diff, export, score. */
export function EditorHeader({ doc, record, summary, readOnly, dirty, errorCount, saving, publishing, onSave, onPublish, onNewVersion }: {
  doc: Doc;
  record: FrameworkVersion;
  summary: FrameworkSummary | undefined;
  readOnly: boolean;
  dirty: boolean;
  errorCount: number;
  saving: boolean;
  publishing: boolean;
  onSave: () => void;
  onPublish: () => void;
  onNewVersion: () => void;
}) {
  const { t } = useFwT();
  return (
    <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
      <Space orientation="vertical" size={0}>
        <Link to="/frameworks">
          <ArrowLeftOutlined /> {t('editor.back')}
        </Link>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {doc.name || summary?.name}
        </Typography.Title>
        <Space wrap size={4}>
          {summary && <Typography.Text type="secondary">{summary.program.name} · {summary.year} · {summary.groupLabel} ·</Typography.Text>}
          <Typography.Text>{t('library.versionN', { number: record.number })}</Typography.Text>
          <StatusTag status={record.status} />
          {record.reason && <Typography.Text type="secondary">{t('editor.reason', { reason: record.reason })}</Typography.Text>}
          <Typography.Text type="secondary">{t('editor.total', { total: formatPoints(fieldsTotal(doc)) })}</Typography.Text>
        </Space>
      </Space>
      <Space wrap>
        {dirty && <Tag color="orange" role="status">{t('editor.unsaved')}</Tag>}
        {!readOnly && (
          <Button type="primary" icon={<SaveOutlined />} loading={saving} disabled={!dirty} onClick={onSave}>
            {t('editor.save')}
          </Button>
        )}
        {record.may.publish && record.status === 'draft' && (
          <Tooltip title={dirty ? t('editor.saveFirst') : errorCount ? t('editor.fixFirst', { count: errorCount }) : undefined}>
            <Button icon={<SendOutlined />} disabled={dirty || errorCount > 0} loading={publishing} onClick={onPublish}>
              {t('library.publish')}
            </Button>
          </Tooltip>
        )}
        {record.may.newVersion && summary && (
          <Button icon={<BranchesOutlined />} onClick={onNewVersion}>{t('library.newVersion')}</Button>
        )}
        {summary && summary.versions.length > 1 && (
          <Link to="/frameworks/diff" search={{ from: diffBaseVersion(summary.versions, record), to: record.id }}>
            <Button icon={<DiffOutlined />}>{t('library.diff')}</Button>
          </Link>
        )}
        <ExportMenu versionId={record.id} label />
        <ScoreButton versionId={record.id} />
      </Space>
    </Space>
  );
}
