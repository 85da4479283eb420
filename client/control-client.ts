/**
 * `createControlClient`: the mock's own `/__mock` API (clock, PG notices, armed failures, webhook
 * log, state, reset), typed from its contracts. Kept apart from the iamport client on purpose:
 * code written for the live service never depends on it.
 */
import type { z } from "zod";
import {
  CONTROL_PREFIX,
  controlOperations,
  type ControlOperation,
  type ControlOperationKey,
} from "../contracts/mock/control.ts";
import { createExchange, type DriftReport, type FetchLike, type Validation } from "./exchange.ts";
import type { IfPresent, RawCallInput } from "./operation-types.ts";
import type { IamportResult } from "./result.ts";

type Control<K extends ControlOperationKey> = (typeof controlOperations)[K];
type Part<K extends ControlOperationKey, Name extends "params" | "query" | "body"> =
  Control<K> extends { [P in Name]: infer S extends z.ZodType } ? z.input<S> : never;

export type ControlInput<K extends ControlOperationKey> = IfPresent<Part<K, "params">, { params: Part<K, "params"> }> &
  IfPresent<Part<K, "query">, { query?: Part<K, "query"> }> &
  IfPresent<Part<K, "body">, { body?: Part<K, "body"> }>;
export type ControlResponse<K extends ControlOperationKey> = z.output<Control<K>["response"]>;

export interface ControlClientOptions {
  /** The mock's base URL (the control API lives under `/__mock` there). */
  baseUrl: string;
  fetch?: FetchLike;
  /** Answers are checked against the control contracts; `report` by default. */
  validate?: Validation;
  onDrift?: (report: DriftReport) => void;
  timeoutMs?: number;
}

export interface ControlClient {
  call<K extends ControlOperationKey>(
    operation: K,
    ...input: Control<K> extends { params: z.ZodType } ? [ControlInput<K>] : [ControlInput<K>?]
  ): Promise<IamportResult<ControlResponse<K>>>;
  /** Untyped, for control steps named at run time (scenario files). */
  send(operation: string, input?: RawCallInput): Promise<IamportResult<unknown>>;
  driftReports: DriftReport[];
}

export function createControlClient(options: ControlClientOptions): ControlClient {
  const exchange = createExchange({ ...options, validate: options.validate ?? "report" });
  async function send(name: string, input: RawCallInput = {}) {
    const operation: ControlOperation | undefined = (controlOperations as Record<string, ControlOperation>)[name];
    if (!operation)
      throw new TypeError(`unknown control operation ${JSON.stringify(name)}: use a key of contracts/mock/control.ts`);
    return exchange(
      { name, method: operation.method, path: `${CONTROL_PREFIX}${operation.path}`, response: operation.response },
      input,
      null,
    );
  }
  return {
    call: ((name: string, input?: RawCallInput) => send(name, input)) as ControlClient["call"],
    send,
    driftReports: exchange.driftReports,
  };
}
