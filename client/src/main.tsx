import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';
import './chrome.css';
import './i18n/i18n';
import { App } from './app/App';
import { serverPath } from './host/basePath';

const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);

// The app shell is cached so that a reload without a server still opens the map (from IndexedDB).
// The worker sits at the base path, and so does its scope (CL-O10).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  navigator.serviceWorker.register(serverPath('/sw.js'), { scope: serverPath('/') }).catch(() => {
    // no service worker (e.g. plain http on a LAN host): everything works except reloading offline
  });
}
