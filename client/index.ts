/**
 * The typed iamport client. Its types are generated from contracts/openapi.json, so it speaks
 * exactly what the contracts say; it works unchanged against the mock or the real service.
 * It never imports the mock server; the mock's control API has its own client (`createControlClient`).
 */
import type { components } from "./generated/iamport-v1.d.ts";

export type { components, operations, paths } from "./generated/iamport-v1.d.ts";
export type Schemas = components["schemas"];
export type Payment = Schemas["PaymentAnnotation"];

export { createIamportClient, type IamportClient, type IamportClientOptions } from "./iamport-client.ts";
export {
  createControlClient,
  type ControlClient,
  type ControlClientOptions,
  type ControlInput,
  type ControlResponse,
} from "./control-client.ts";
export { ContractDriftError, type DriftReport, type FetchLike, type Validation } from "./exchange.ts";
export { describeDrift, findDrift, type Drift, type DriftKind } from "./drift.ts";
export { IamportError, unwrap, type Failure, type FailureKind, type IamportResult, type Success } from "./result.ts";
export type { CallInput, OperationName, RawCallInput, ResponseOf } from "./operation-types.ts";
export { encodeBody, formBody, queryString, type Encoding } from "./encode.ts";
export { RENEW_WITHIN_SECONDS } from "./token.ts";
