/**
 * The shared schemas of every answer the client reads, by name: `request()` takes one of these
 * names and loads this module (with zod) the first time an answer arrives. A register that starts
 * offline never needs it, and one that starts online fetches it while its first request is on the
 * way, so neither waits for zod before the PIN pad shows.
 */
// The words for the server's error codes come with the first answer too.
import './server-error-text';

export {
  ApprovalCodeDetailsJSON,
  ApprovalCodeJSON,
  AuditPageJSON,
  DeviceDetailsJSON,
  DeviceListJSON,
  DeviceReplyJSON,
  DeviceStateJSON,
  ErrorBodyJSON,
  OfflineRosterJSON,
  OfflineUploadResultJSON,
  OkJSON,
  PasskeyCreationOptionsJSON,
  PasskeyJSON,
  PasskeyListJSON,
  PasskeyRequestOptionsJSON,
  PinChallengeJSON,
  PinLoginSettingsJSON,
  SessionJSON,
  SetupStatusJSON,
  SigningKeyJSON,
  UserListJSON,
  UserReplyJSON,
} from '@tapin/shared';
