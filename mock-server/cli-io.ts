/** Where a command line writes: the process's streams (cli-entry.ts), or a recorder in tests. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** A terminal shows progress on one line as it happens; a log gets one line per item. */
  isTTY?: boolean;
}
