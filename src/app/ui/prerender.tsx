/**
 * The start screen rendered at build time (scripts/build-ui.mjs): its HTML and Ant Design's styles go into
 * index.html, so the first screen shows as soon as the page arrives, before the scripts have run; main.tsx then
 * hydrates it. Rendered as a first visit sees it: Chinese, the start route, the case list still loading.
 */
import { renderToString } from 'react-dom/server';
import { createCache, extractStyle, StyleProvider } from '@ant-design/cssinjs';
import App from './App';

export function prerender(): { html: string; styles: string } {
  const cache = createCache();
  const html = renderToString(<StyleProvider cache={cache}><App /></StyleProvider>);
  return { html, styles: extractStyle(cache) };
}
