/**
 * fast-check runs with a random seed unless FC_SEED is set, and prints the seed and the path of
 * any failure, so `FC_SEED=<seed> npm test` replays it.
 */
import fc from "fast-check";

const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
fc.configureGlobal({ ...(seed === undefined ? {} : { seed }), numRuns: 100 });
