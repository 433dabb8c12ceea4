/**
 * A start-up failure an operator can act on: one line that names the setting or file and the
 * cause. `main` prints it as it is, with no stack trace, and exits non-zero.
 */
export class StartupError extends Error {
  constructor(setting: string, cause: string) {
    super(`${setting}: ${cause}`);
    this.name = 'StartupError';
  }
}
