/**
 * A merchant's shop for the browser tests, on its own localhost origin: pages written for
 * PortOne's real SDK whose only change is the script URL (the mock's `/v1/iamport.js`). The shop's
 * code and orders are in shop-code.ts, typed with iamport-typings.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * The shop's order page: the SDK's script tag (the only change a merchant makes is its URL), a pay
 * button, and the shop's code called with its arguments.
 */
export function shopPage(sdkUrl: string, code: string, args: unknown[]): string {
  const call = `(${code})(${args.map((arg) => JSON.stringify(arg)).join(", ")});`;
  return `<!doctype html>
<html lang="ko">
  <head>
    <meta charset="utf-8" />
    <title>Norway chairs</title>
    <script src="${sdkUrl}"></script>
  </head>
  <body>
    <h1>노르웨이 회전 의자</h1>
    <button id="pay">결제하기</button>
    <pre id="result"></pre>
    <script>${call.replace(/</g, "\\u003c")}</script>
  </body>
</html>`;
}

export interface Shop {
  url: string;
  /** Serves `html` at `path` (the shop's order pages). */
  page(path: string, html: string): string;
  close(): Promise<void>;
}

/** The shop's server on 127.0.0.1; any path it does not know answers a page showing its query (m_redirect_url). */
export async function startShop(): Promise<Shop> {
  const pages = new Map<string, string>();
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://shop");
    const html =
      pages.get(url.pathname) ??
      `<!doctype html><html><body><pre id="query">${JSON.stringify(Object.fromEntries(url.searchParams)).replace(/</g, "&lt;")}</pre></body></html>`;
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    page(path, html) {
      pages.set(path, html);
      return `${url}${path}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
