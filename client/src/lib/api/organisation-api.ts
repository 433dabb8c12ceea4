import type { UpdatePinLoginSettingsRequest } from '@tapin/shared';
import { request } from './request';

const PATH = '/api/organisation/pin-login';

// The organisation's Log in with PIN code settings.

export const pinLoginSettings = () => request('GET', PATH, 'PinLoginSettingsJSON');
export const activatePinLogin = () => request('POST', `${PATH}/activate`, 'PinLoginSettingsJSON');
export const deactivatePinLogin = () => request('POST', `${PATH}/deactivate`, 'PinLoginSettingsJSON');
export const updatePinLoginSettings = (body: UpdatePinLoginSettingsRequest) =>
  request('PATCH', PATH, 'PinLoginSettingsJSON', body);
