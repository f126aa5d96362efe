/** Targets (§3) — issue 12; filled in by its owner. */
import { Typography } from 'antd';
import type { FollowUpSearch } from '../search';

export function TargetsPage(_props: { search: FollowUpSearch; id?: string }) {
  return <Typography.Title level={3}>Chỉ tiêu</Typography.Title>;
}
