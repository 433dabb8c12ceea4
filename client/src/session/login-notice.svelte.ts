/**
 * Why the register shows a login screen it did not show a moment ago, said on that screen until
 * someone logs in or the reason goes away.
 */
class LoginNotice {
  text = $state<string | null>(null);
}

export const loginNotice = new LoginNotice();

export const PIN_LOGIN_SWITCHED_OFF = 'Log in with PIN code was switched off by an admin';
