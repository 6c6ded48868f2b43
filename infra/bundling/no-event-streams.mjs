/**
 * What a bundled function gets for `@smithy/core/event-streams`
 * (infra/src/bundling.ts NO_EVENT_STREAMS): no event-stream codec. No command
 * our functions send streams events (S3 SelectObjectContent, Lambda
 * InvokeWithResponseStream and the like are never called;
 * functions/test/module-graph.test.ts fails if one is bundled), yet every
 * client's protocol reaches the codec through a dynamic `import()` esbuild
 * must bundle whole, and S3's configuration builds its marshaller: ~14 KB of
 * every function. The S3 configuration's resolver is the SDK's own; a
 * marshaller or serde used anyway throws, naming what is missing.
 */
export { resolveEventStreamSerdeConfig } from '../../node_modules/@smithy/core/dist-es/submodules/event-streams/eventstream-serde-config-resolver/EventStreamSerdeConfig.js';

const missing = () => {
  throw new Error('event streams are not bundled in this function (infra/bundling/no-event-streams.mjs)');
};

export const eventStreamSerdeProvider = () => ({ serialize: missing, deserialize: missing });

export class EventStreamSerde {
  constructor() {
    missing();
  }
}
