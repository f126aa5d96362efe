/** One notice with its tasks (§1) — issue 12; filled in by its owner. */
import { Typography } from 'antd';
import type { FollowUpSearch } from '../search';

export function NoticePage(_props: { search: FollowUpSearch; id?: string }) {
  return <Typography.Title level={3}>Thông báo kết luận</Typography.Title>;
}
