import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApolloClient } from './apollo.js';
import { App, preloadPage } from './App.js';
import './styles.css';

// The service worker (service-worker/sw.ts) keeps the portal working offline; the dev server has none.
// Without it (a browser that refuses it) the portal works the same, only not offline.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener(
    'load',
    () => {
      navigator.serviceWorker.register('/sw.js').catch(() => undefined);
    },
    { once: true },
  );
}

const client = createApolloClient();
preloadPage(window.location.pathname, client);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <App />
    </ApolloProvider>
  </StrictMode>,
);
