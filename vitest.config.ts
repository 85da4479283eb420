import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["{contracts,mock-server,client,scenarios,scripts,test}/**/*.test.{ts,tsx}"],
    setupFiles: ["test/support/setup.ts"],
    // The staleness test runs openapi-typescript; give it room on a loaded 2-core machine.
    testTimeout: 30_000,
  },
});
