import { mount } from 'svelte';
import App from './App.svelte';
import './styles.css';

// `?rfc=NUMBER`: the RFCs' examples, live (web/rfc/), loaded as its own chunk instead of the playground.
const rfc = Number(new URLSearchParams(location.search).get('rfc'));
if (rfc > 0) void import('./rfc/rfc-view').then((m) => m.mountRfcView(document.getElementById('app')!, rfc));
else mount(App, { target: document.getElementById('app')! });

// Offline after the first visit. Registered relative to the page, so any base path works;
// skipped in development, where files are not content-hashed.
// Registered once start-up is over (App dispatches `mpp-started` when the side panels and the
// course have loaded, or failed to): the worker then finds every file start needs in the HTTP
// cache instead of downloading it a second time.
if (import.meta.env.PROD && 'serviceWorker' in navigator && location.protocol !== 'file:') {
  let done = false;
  const register = () => {
    if (done) return;
    done = true;
    navigator.serviceWorker.register('./sw.js').catch(() => undefined);
  };
  addEventListener('mpp-started', register, { once: true });
  // Should start-up never finish (an error), register anyway a little later.
  addEventListener('load', () => setTimeout(register, 10_000), { once: true });
}
