// Runs before the page is shown (a classic script in <head>, from this origin as the CSP requires): the prerendered
// start screen in index.html is shown only when it is the screen the page will have, the start in Chinese. Otherwise
// it stays hidden until the scripts draw the right one (main.tsx).
(function () {
  var path = (location.hash.replace(/^#/, '') || '/').split('?')[0];
  var en = false;
  try { en = localStorage.getItem('guzheng.lang') === 'en'; } catch (e) { /* private mode: Chinese */ }
  // The organisation server's page (data-server) starts with signing in, not with this screen.
  var server = document.documentElement.hasAttribute('data-server');
  if ((path === '/' || path === '') && !en && !server) document.documentElement.className += ' prerendered-start';
})();
