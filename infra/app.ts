/**
 * The CDK app: `npx cdk synth` / `npx cdk deploy --all -c recipient=…` from the
 * repository root (cdk.json runs this with tsx). Settings: src/config.ts.
 * The stacks are environment-agnostic (no lookups): they deploy to the account
 * and region of the credentials the CLI uses.
 */
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { createHousingInbox } from './src/housing-inbox.js';

const app = new App({
  outdir: process.env.CDK_OUTDIR ?? fileURLToPath(new URL('../cdk.out', import.meta.url)),
});
createHousingInbox(app);
app.synth();
