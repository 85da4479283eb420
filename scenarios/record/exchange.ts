/** One request the recorder forwarded and the upstream's answer to it, as plain data. */
export interface RecordedExchange {
  /** When the request arrived (ISO 8601). */
  at: string;
  method: string;
  /** The path the client asked for, without the query. */
  path: string;
  /** The query string with its `?`, or "". */
  search: string;
  /** Lower-case names. Kept in memory only: no header is ever written to a scenario file. */
  requestHeaders: Record<string, string>;
  requestBody: string;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: string;
  durationMs: number;
}
