/**
 * qs, loaded the first time a body needs it (a bracketed or repeated form field, a form-encoded
 * webhook) rather than at start-up: it is some fifty small files, and most mocks never need it.
 */
import { createRequire } from "node:module";
import type qsModule from "qs";

const require = createRequire(import.meta.url);
let loaded: typeof qsModule | undefined;

export const qs = (): typeof qsModule => (loaded ??= require("qs") as typeof qsModule);
