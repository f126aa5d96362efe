import { Badge, Button, Empty, List, Popover, Space, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useRouter } from '@tanstack/react-router';
import { useMarkAllRead, useMarkRead, useNotifications, type Notification } from '../../api/notifications';
import { formatDateTime } from '../../format';
import { useAsT } from './parts';
import './i18n';
import './assessment.css';

/** The header's bell: unread count, the latest notifications; a click opens its link and marks it read. */
export function NotificationBell() {
  const { t } = useAsT();
  const q = useNotifications();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const unread = q.data?.unread ?? 0;

  const openOne = (n: Notification) => {
    if (!n.readAt) markRead.mutate(n.id);
    setOpen(false);
    if (n.link) {
      if (/^https?:\/\//.test(n.link)) window.location.assign(n.link);
      else router.history.push(n.link);
    }
  };

  const content = (
    <div className="as-notif-list">
      {!q.data?.items.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.none')} />
      ) : (
        <List
          size="small"
          dataSource={q.data.items}
          renderItem={(n) => (
            <List.Item className={n.readAt ? undefined : 'unread'}>
              <button type="button" className="link-button" style={{ all: 'unset', cursor: 'pointer', display: 'block', width: '100%' }}
                onClick={() => openOne(n)} aria-label={`${n.readAt ? '' : t('notifications.unreadMark') + ': '}${n.title}`}>
                <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                {n.body && <Typography.Paragraph type="secondary" style={{ margin: 0 }} ellipsis={{ rows: 2 }}>{n.body}</Typography.Paragraph>}
                <Typography.Text type="secondary"><small>{formatDateTime(n.createdAt)}</small></Typography.Text>
              </button>
            </List.Item>
          )}
        />
      )}
    </div>
  );

  return (
    <Popover
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      placement="bottomRight"
      title={
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <span>{t('notifications.title')}</span>
          {unread > 0 && <Button size="small" type="link" onClick={() => markAll.mutate()}>{t('notifications.readAll')}</Button>}
        </Space>
      }
      content={content}
    >
      <Button type="text" style={{ color: '#fff' }} aria-label={t('notifications.bell', { count: unread })}>
        <Badge count={unread} size="small" offset={[4, -2]}>
          <BellOutlined style={{ color: '#fff', fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
