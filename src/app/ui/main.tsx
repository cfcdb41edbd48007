import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import App from './App';
import './styles.css';

const root = document.getElementById('root')!;
const app = <StrictMode><App /></StrictMode>;
// index.html holds the start screen rendered at build time; boot.js said whether it is the screen to show.
if (root.hasAttribute('data-prerendered') && document.documentElement.classList.contains('prerendered-start')) {
  hydrateRoot(root, app);
} else {
  root.removeAttribute('data-prerendered');
  root.replaceChildren();
  createRoot(root).render(app);
}
