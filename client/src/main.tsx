import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';
import './i18n/i18n';
import { App } from './app/App';

const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
