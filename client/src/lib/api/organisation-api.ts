import type { UpdatePinLoginSettingsRequest } from '@tapin/shared';
import { request } from './request';

const PATH = '/api/organisation/pin-login';

// The organisation's Log in with PIN code settings.

export const pinLoginSettings = () => request('GET', PATH, 'PinLoginSettingsJSON');
// Changes send the settings' version they were made from; settings changed since answer edited_elsewhere.
export const activatePinLogin = (version: number) =>
  request('POST', `${PATH}/activate`, 'PinLoginSettingsJSON', { version });
export const deactivatePinLogin = (version: number) =>
  request('POST', `${PATH}/deactivate`, 'PinLoginSettingsJSON', { version });
export const updatePinLoginSettings = (body: UpdatePinLoginSettingsRequest) =>
  request('PATCH', PATH, 'PinLoginSettingsJSON', body);
