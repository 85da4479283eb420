export { createMockServer, type MockServer, type MockServerOptions } from "./server.ts";
export { demoConfig, DEMO_GROUP_ID, DEMO_IMP_KEY, DEMO_IMP_SECRET } from "./config/demo-config.ts";
export { ConfigError, loadConfigFile, parseConfig } from "./config/load-config.ts";
export { testCards } from "../contracts/mock/test-cards.ts";
export {
  startWebhookReceiver,
  type ReceivedRequest,
  type ReceiverAnswer,
  type AnswerPolicy,
  type WebhookReceiver,
} from "./testing/webhook-receiver.ts";
