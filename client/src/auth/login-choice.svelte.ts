/**
 * On a device with PIN login, "Log in with username and password" shows the password screen
 * instead of the PIN pad. The choice lasts while the password screen is shown: leaving it,
 * reloading or logging out brings the PIN pad back.
 */
class LoginChoice {
  password = $state(false);
  /** On a device that is not approved, "Approve with a code" shows its code instead, for as long. */
  code = $state(false);
}

export const loginChoice = new LoginChoice();
