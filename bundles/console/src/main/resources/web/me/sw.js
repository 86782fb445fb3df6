// The member panel's service worker: the panel's own files are kept so that it opens (and installs) without a
// connection; they are fetched fresh whenever the network answers. API answers are never kept: a member's data is only
// ever the server's latest, and nothing of it stays on the device.
const CACHE = 'vafa-me-1';
const FILES = ['./', 'index.html', 'me.js', 'me.css', 'manifest.webmanifest', 'icon.svg', 'icon-192.png',
  '../console/fonts/vazirmatn-regular.woff2', '../console/fonts/vazirmatn-bold.woff2'];

self.addEventListener('install', (event) => event.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES))));
self.addEventListener('activate', (event) => event.waitUntil(caches.keys()
  .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))));
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
  event.respondWith(fetch(event.request).then((answer) => {
    if (answer.ok) {
      const copy = answer.clone();
      caches.open(CACHE).then((c) => c.put(event.request, copy));
    }
    return answer;
  }).catch(() => caches.match(event.request)));
});
