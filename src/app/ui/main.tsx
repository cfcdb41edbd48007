import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import App from './App';
import './styles.css';

const root = document.getElementById('root')!;
const app = <StrictMode><App /></StrictMode>;
// index.html holds the start screen rendered at build time; boot.js said whether it is the screen to show. The address
// may have changed since (a link followed while the scripts loaded): hydrate only if the page is still at the start.
const stillAtStart = ['/', ''].includes((location.hash.replace(/^#/, '') || '/').split('?')[0]!);
if (!stillAtStart) document.documentElement.classList.remove('prerendered-start');
if (root.hasAttribute('data-prerendered') && document.documentElement.classList.contains('prerendered-start')) {
  hydrateRoot(root, app);
} else {
  root.removeAttribute('data-prerendered');
  root.replaceChildren();
  createRoot(root).render(app);
}
