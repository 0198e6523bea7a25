import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';
import './chrome.css';
import './i18n/i18n';
import { App } from './app/App';

const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);

// The app shell is cached so that a reload without a server still opens the map (from IndexedDB).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js').catch(() => {
    // no service worker (e.g. plain http on a LAN host): everything works except reloading offline
  });
}
