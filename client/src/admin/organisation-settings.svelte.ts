import type { PinLoginSettingsJSON, UpdatePinLoginSettingsRequest } from '@tapin/shared';
import * as organisationApi from '../lib/api/organisation-api';
import { Resource } from '../lib/forms/resource.svelte';

/**
 * The organisation's Log in with PIN code settings, shared by every section that shows them: a
 * page loads them once, and each change replaces them with the server's answer.
 */
class OrganisationSettings extends Resource<PinLoginSettingsJSON> {
  constructor() {
    super(() => organisationApi.pinLoginSettings());
  }

  /** For a page that shows them: loaded afresh, so nothing another admin changed is shown stale. */
  start(): void {
    this.value = null;
    void this.load();
  }

  /** The version the settings were shown at: a change from older ones is refused (edited_elsewhere). */
  get #version(): number {
    if (!this.value) throw new Error('the settings are changed only once they are shown');
    return this.value.version;
  }

  async activate(active: boolean): Promise<void> {
    this.value = active
      ? await organisationApi.activatePinLogin(this.#version)
      : await organisationApi.deactivatePinLogin(this.#version);
  }

  async update(change: Omit<UpdatePinLoginSettingsRequest, 'version'>): Promise<PinLoginSettingsJSON> {
    this.value = await organisationApi.updatePinLoginSettings({ ...change, version: this.#version });
    return this.value;
  }
}

export const organisationSettings = new OrganisationSettings();
