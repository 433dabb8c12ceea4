import { mount } from 'svelte';
import App from './App.svelte';
import { followLanguageInDocument } from './lib/i18n/language.svelte';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
// Which build runs here, for support and for checking that a new version arrived.
document.documentElement.dataset.version = __TAPIN_VERSION__;
followLanguageInDocument();
mount(App, { target });
// The service worker registers, and the update prompt mounts, once the first screen shows (see
// App.svelte and pwa/start-app-updates.ts).
