/**
 * The typed iamport client. Its types are generated from contracts/openapi.json, so it speaks
 * exactly what the contracts say; it works unchanged against the mock or the real service.
 * Pass `fetch` to choose the transport (tests bind it to the mock's in-process `app.request`).
 */
import createClient, { type Client } from "openapi-fetch";
import type { components, paths } from "./generated/iamport-v1.d.ts";

export type { components, paths };
export type Schemas = components["schemas"];
export type Payment = Schemas["PaymentAnnotation"];

export interface IamportClientOptions {
  /** `https://api.iamport.kr`, or the mock's printed base URL. */
  baseUrl: string;
  fetch?: (request: Request) => Promise<Response>;
  /** Sent bare in `Authorization`, as iamport's own examples do; a function is asked per request. */
  accessToken?: string | (() => string | undefined | Promise<string | undefined>);
}

export type IamportClient = Client<paths>;

export function createIamportClient(options: IamportClientOptions): IamportClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const { accessToken } = options;
  if (accessToken !== undefined) {
    client.use({
      async onRequest({ request }) {
        const token = typeof accessToken === "function" ? await accessToken() : accessToken;
        if (token) request.headers.set("Authorization", token);
        return request;
      },
    });
  }
  return client;
}
