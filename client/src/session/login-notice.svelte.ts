import { m } from '../paraglide/messages.js';

/**
 * Why the register shows a login screen it did not show a moment ago, said on that screen until
 * someone logs in or the reason goes away.
 */
class LoginNotice {
  /** PIN login was switched off while this register showed the PIN pad. */
  pinLoginSwitchedOff = $state(false);

  /** The notice in the language on screen, or null when there is none. */
  get text(): string | null {
    return this.pinLoginSwitchedOff ? m.register_pin_login_switched_off() : null;
  }
}

export const loginNotice = new LoginNotice();
