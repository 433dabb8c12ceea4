import type { PinLoginSettingsJSON } from '@tapin/shared';
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

  async activate(active: boolean): Promise<void> {
    this.value = active
      ? await organisationApi.activatePinLogin()
      : await organisationApi.deactivatePinLogin();
  }

  async update(
    ...args: Parameters<typeof organisationApi.updatePinLoginSettings>
  ): Promise<PinLoginSettingsJSON> {
    this.value = await organisationApi.updatePinLoginSettings(...args);
    return this.value;
  }
}

export const organisationSettings = new OrganisationSettings();
