/**
 * The CLI bound to this process (bin/iamport-mock.js imports it): the real streams, the exit code,
 * and Ctrl-C or SIGTERM closing a serving mock before exiting 0.
 */
import type { CliIo } from "./cli-io.ts";
import { main } from "./cli.ts";

const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  // Progress lines go to stderr, so that is the stream whose terminal decides how they are drawn.
  isTTY: process.stderr.isTTY === true,
};

// An exit code, not process.exit(): a finished command ends once its output is written.
process.exitCode = await main(process.argv.slice(2), processIo, {
  onListening: ({ mock }) => {
    const stop = () =>
      void mock.close().then(
        () => process.exit(0),
        (error: Error) => {
          process.stderr.write(`could not close the mock cleanly: ${error.message}\n`);
          process.exit(1);
        },
      );
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  },
});
