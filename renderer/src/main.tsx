import './zod-config.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getApi } from './api/client.ts';
import { App } from './app/App.tsx';
import { ToastProvider } from './ui/toast.tsx';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ToastProvider>
        <App api={getApi()} />
      </ToastProvider>
    </StrictMode>,
  );
}
