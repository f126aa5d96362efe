/** One task and its progress reports (§1) — issue 12; filled in by its owner. */
import { Typography } from 'antd';
import type { FollowUpSearch } from '../search';

export function TaskPage(_props: { search: FollowUpSearch; id?: string }) {
  return <Typography.Title level={3}>Nhiệm vụ</Typography.Title>;
}
