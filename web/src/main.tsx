import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.js';
import { setupI18n } from './i18n/index.js';
import './access/access.css';

const rootElement = document.getElementById('root');
if (rootElement === null) throw new Error('index.html has no #root element');

await setupI18n();
createRoot(rootElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
