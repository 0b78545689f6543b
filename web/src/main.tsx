import { createRoot } from 'react-dom/client';
import { App } from './App';
import './screen.css';

createRoot(document.getElementById('root')!).render(<App />);
