import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { createApolloClient } from './apollo';
import { App } from './App';
import { ConsoleLanguage } from './Language';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApolloProvider client={createApolloClient()}>
      <BrowserRouter basename="/console">
        <ConsoleLanguage>
          <App />
        </ConsoleLanguage>
      </BrowserRouter>
    </ApolloProvider>
  </StrictMode>,
);
