/**
 * The CLI bound to this process (bin/iamport-mock.js imports it): the real streams, the exit code,
 * and Ctrl-C or SIGTERM closing a serving mock before exiting 0.
 */
import { main, type CliIo } from "./cli.ts";

const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  isTTY: process.stdout.isTTY === true,
};

// An exit code, not process.exit(): a finished command ends once its output is written.
process.exitCode = await main(process.argv.slice(2), processIo, {
  onListening: ({ mock }) => {
    const stop = () => void mock.close().then(() => process.exit(0));
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  },
});
