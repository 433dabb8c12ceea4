// Request headers of the wire protocol. No zod here: the register's start path reads these.

/**
 * Sent with the client's own periodic checks (`1`): such a request does not count as using the
 * session, so the checks of a register left alone do not keep its session from going idle.
 */
export const BACKGROUND_HEADER = 'x-tapin-background';
