/**
 * One control call after its input was read from wherever it came (a JSON or form request to
 * `/__mock/...`, or a dashboard form): what came due runs first, the input is checked against the
 * call's contract (contracts/mock/control.ts), then the call's handler runs. The control API's
 * routes and the dashboard's actions share it, so a dashboard button does exactly what the control
 * call does. Refusals are thrown as `failure(...)`.
 */
import type { z } from "zod";
import type { controlOperations, ControlOperationKey } from "../../contracts/mock/control.ts";

/** The call's input as read, before its contract checks and defaults it. */
export interface RawControlInput {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
}

export type ControlAnswer<K extends ControlOperationKey> = z.output<(typeof controlOperations)[K]["response"]>;

export type ControlCall = <K extends ControlOperationKey>(key: K, input?: RawControlInput) => Promise<ControlAnswer<K>>;
