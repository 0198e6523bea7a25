// First: starts fetching the opened map's code before the rest of the entry is evaluated (CL-Z4).
import './app/startPageLoad';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';
import './chrome.css';
import './i18n/i18n';
import { App } from './app/App';
import { registerServiceWorkerLater } from './host/serviceWorker';

const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);

// A lazily loaded chunk that is gone (a new version was deployed while this page was open, and the
// service worker dropped the old files): load the page again, once a minute at most.
window.addEventListener('vite:preloadError', (event) => {
  const last = Number(sessionStorage.getItem('ketenkaart:reloadedAt') ?? 0);
  if (Date.now() - last < 60_000) return;
  event.preventDefault();
  sessionStorage.setItem('ketenkaart:reloadedAt', String(Date.now()));
  location.reload();
});

// The app shell is cached so that a reload without a server still opens the map (from IndexedDB),
// once the opened page has settled (CL-Z4).
if (import.meta.env.PROD && 'serviceWorker' in navigator) registerServiceWorkerLater(navigator.serviceWorker);
