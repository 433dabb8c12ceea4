import { mount } from 'svelte';
import App from './App.svelte';
import { followLanguageInDocument } from './lib/i18n/language.svelte';
import UpdateBanner from './pwa/UpdateBanner.svelte';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
// Which build runs here, for support and for checking that a new version arrived.
document.documentElement.dataset.version = __TAPIN_VERSION__;
followLanguageInDocument();
mount(App, { target });
// The update prompt lives outside the app's screens, so every screen shows it.
mount(UpdateBanner, { target: document.body });
// The service worker registers once the first screen shows (see App.svelte).
