import { PinLoginSettingsJSON, type UpdatePinLoginSettingsRequest } from '@tapin/shared';
import { request } from './request';

const PATH = '/api/organisation/pin-login';

/** The organisation's Log in with PIN code settings. */
export const organisationApi = {
  pinLoginSettings: () => request('GET', PATH, PinLoginSettingsJSON),
  activatePinLogin: () => request('POST', `${PATH}/activate`, PinLoginSettingsJSON),
  deactivatePinLogin: () => request('POST', `${PATH}/deactivate`, PinLoginSettingsJSON),
  updatePinLoginSettings: (body: UpdatePinLoginSettingsRequest) =>
    request('PATCH', PATH, PinLoginSettingsJSON, body),
};
