import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import './i18n';
import './app/global.css';
import { isApiError, onAuthError } from './api/client';
import { meQuery } from './api/hooks';
import { makeRouter } from './app/router';
import { AppProviders } from './app/AppProviders';

const queryClient = new QueryClient({
  queryCache: new QueryCache(),
  mutationCache: new MutationCache(),
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      retry: (count, err) => !(isApiError(err) && err.status > 0 && err.status < 500) && count < 2,
    },
  },
});

const router = makeRouter(queryClient);

onAuthError((err) => {
  const path = router.state.location.pathname;
  if (err.status === 401) {
    queryClient.removeQueries({ queryKey: meQuery.queryKey });
    if (path !== '/login') {
      void router.navigate({ to: '/login', search: { redirect: router.state.location.href } });
    }
  } else if (err.code === 'PASSWORD_CHANGE_REQUIRED' && path !== '/change-password') {
    void router.navigate({ to: '/change-password' });
  }
});

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <AppProviders>
        <RouterProvider router={router} />
      </AppProviders>
    </QueryClientProvider>
  </StrictMode>,
);
