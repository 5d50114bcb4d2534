// Renderer entry: styles, backend event wiring, test hooks, then the React tree.

import { createRoot } from 'react-dom/client';
import './styles/theme.css';
import './styles/colorRules.css';
import './styles/layout.css';
import './styles/packets.css';
import { App } from './components/App';
import { wireEvents } from './state/eventWiring';
import { installTestHooks } from './state/testHooks';

wireEvents();
installTestHooks();
createRoot(document.getElementById('root')!).render(<App />);
