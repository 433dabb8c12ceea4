import { AsyncAction } from '../forms/async-action.svelte';
import { passkeyProblem } from './passkey-problem';

/**
 * An AsyncAction for a button that runs a passkey ceremony: what the browser reports (a prompt
 * that was closed, a passkey it already has) is said in plain words, the rest as usual.
 */
export class PasskeyAction<F extends string = never> extends AsyncAction<F> {
  override fail(err: unknown): void {
    if (passkeyProblem(err) === null) super.fail(err);
    else this.setError(() => passkeyProblem(err) ?? '');
  }
}
