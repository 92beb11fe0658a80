import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import './global.css';
import { reportError } from './components/error-surface';
import { accountsQuery } from './features/accounts/use-accounts';
import { adoptAddressToken } from './ipc/web-bridge';
import { ThemeRoot } from './theme/theme-root';

/** Errors that a query or mutation did not handle itself go to the app-wide error surface. */
const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error, query) => (query.meta?.silent ? undefined : reportError(error)) }),
  mutationCache: new MutationCache({
    onError: (error, _vars, _ctx, mutation) => (mutation.meta?.silent ? undefined : reportError(error)),
  }),
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
});

// The web host's address carries its token in the fragment; move it out of the address bar before anything runs.
adoptAddressToken();
// Asked before the first render: the socket opens and the list comes back while React renders the shell.
void queryClient.prefetchQuery(accountsQuery);

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <ThemeRoot>
        <App />
      </ThemeRoot>
    </QueryClientProvider>
  </StrictMode>,
);
