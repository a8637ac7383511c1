import { mount } from 'svelte';
import App from './App.svelte';
import './styles.css';

// `?rfc=NUMBER`: the RFCs' examples, live (web/rfc/), loaded as its own chunk instead of the playground.
const rfc = Number(new URLSearchParams(location.search).get('rfc'));
if (rfc > 0) void import('./rfc/mount').then((m) => m.mountRfcView(document.getElementById('app')!, rfc));
else mount(App, { target: document.getElementById('app')! });

// Offline after the first visit. Registered relative to the page, so any base path works;
// skipped in development, where files are not content-hashed.
if (import.meta.env.PROD && 'serviceWorker' in navigator && location.protocol !== 'file:') {
  addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js').catch(() => undefined);
  });
}
