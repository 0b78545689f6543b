import { createRoot } from 'react-dom/client';
import { App } from './App';
import './focus.css';

createRoot(document.getElementById('root')!).render(<App />);
