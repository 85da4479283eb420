/**
 * Where `iamport-mock serve` listens unless told otherwise, and so where the scenario runner's `url`
 * target looks first. Not Prism's 4010, so both can run side by side (docs/decisions/014).
 * Imports nothing: the CLI reads it before loading anything else.
 */
export const DEFAULT_PORT = 4020;
export const DEFAULT_HOST = "127.0.0.1";
