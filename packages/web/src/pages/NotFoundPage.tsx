import { NotFound } from '../components/errors';

export function NotFoundPage() {
  return <NotFound />;
}
