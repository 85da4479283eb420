/**
 * Preloaded (`node --import`) into each process bench/start-up.ts times, the CLI and the bare
 * server alike: on SIGUSR2 it writes the process's CPU time so far (user + system, all threads, in
 * microseconds) to file descriptor 3, which the bench reads. process.cpuUsage() is exact, where
 * /proc counts in 10 ms ticks, too coarse for a start of 100-200 ms. Plain JavaScript, as the
 * timed processes run without tsx.
 */
import { writeSync } from "node:fs";

process.on("SIGUSR2", () => {
  const { user, system } = process.cpuUsage();
  writeSync(3, `${user + system}\n`);
});
