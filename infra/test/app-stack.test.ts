import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LETTER_SENDERS } from '../src/bundling.js';
import { CASE_STORE_ACTIONS } from '../src/constructs/case-table.js';
import { THROTTLE } from '../src/constructs/inbox-api.js';
import { consoleFixture, type Synthesised, synthesise } from './support/synth.js';

type Resource = { Type: string; Properties: Record<string, unknown> };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

const run = promisify(execFile);

const ENTRIES = [
  'inbound-email',
  'inbound-sms',
  'letter-upload',
  'http-api',
  'timer-plan',
  'timer-act',
  'connect-calls',
  'sending-events',
  'timer-sweep',
  'retention',
] as const;

describe('app stack (stateless), bundled as `cdk synth` bundles it', () => {
  let s: Synthesised;
  let built: Awaited<ReturnType<typeof consoleFixture>>;
  /** Our functions by entry name (not CDK's helpers: bucket notifications, console upload, auto-delete). */
  let functions: Record<string, { id: string; props: Record<string, unknown> }>;

  // Bundling six functions and validating three templates: over a minute on a busy 2-core machine.
  // Ten functions and the letter senders' renderers; up to six minutes when other work shares the two cores.
  beforeAll(async () => {
    // With a built console, so CloudFormation validation covers its upload too.
    built = await consoleFixture();
    s = await synthesise({
      bundle: true,
      validate: true,
      context: {
        recipient: 'contact@hightown.example,repairs@hightown.example',
        alertEmail: 'ops@hightown.example',
        consoleDist: built.dir,
      },
    });
    functions = {};
    for (const [id, r] of Object.entries(s.appTemplate.findResources('AWS::Lambda::Function'))) {
      const vars = (r.Properties.Environment?.Variables ?? {}) as Record<string, string>;
      const entry = vars.POWERTOOLS_SERVICE_NAME?.replace(/^housing-inbox-/, '');
      if (entry) functions[entry] = { id, props: r.Properties };
    }
  }, 360_000);
  afterAll(async () => {
    await s.cleanup();
    await built.cleanup();
  });

  const fn = (entry: string) => {
    const found = functions[entry];
    if (!found) throw new Error(`no function for ${entry}`);
    return found;
  };

  /** The statements of the policy attached to a function's role. */
  const policyStatementsOf = (props: Record<string, unknown>): Statement[] => {
    const role = (props.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
    return Object.values(s.appTemplate.findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify((p as Resource).Properties.Roles).includes(role))
      .flatMap((p) => ((p as Resource).Properties.PolicyDocument as { Statement: Statement[] }).Statement);
  };

  it('passes CDK’s CloudFormation validation of both templates', () => {
    const report = JSON.parse(readFileSync(join(s.outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: { violations?: unknown[] }[];
    };
    expect(report.pluginReports.flatMap((r) => r.violations ?? [])).toEqual([]);
  });

  it('has one function per entry point, on Node 24, arm64 (letters: x86_64 for the PDF renderer), traced, JSON logs', () => {
    expect(Object.keys(functions).sort()).toEqual([...ENTRIES].sort());
    for (const entry of ENTRIES) {
      expect(fn(entry).props).toMatchObject({
        Runtime: 'nodejs24.x',
        Handler: 'index.handler',
        Architectures: [entry === 'letter-upload' ? 'x86_64' : 'arm64'],
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON' },
        Environment: {
          Variables: {
            TABLE_NAME: { 'Fn::ImportValue': expect.stringMatching(/Cases/) },
            BUCKET_NAME: { 'Fn::ImportValue': expect.stringMatching(/Payloads/) },
            POLICY: 'hightown',
            MAIL_DOMAIN: 'hightown.example',
          },
        },
      });
    }
  });

  it.each([
    ['inbound-email', 'InboundEmail'],
    ['inbound-sms', 'InboundSms'],
    ['letter-upload', 'LetterUpload'],
  ])('%s retries twice, then keeps the event in its dead-letter queue in the data stack, watched', (entry, queue) => {
    const f = fn(entry);
    expect(f.props.DeadLetterConfig).toEqual({
      TargetArn: { 'Fn::ImportValue': expect.stringMatching(new RegExp(`DeadLetters${queue}.*Arn`)) },
    });
    s.appTemplate.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: f.id },
      MaximumRetryAttempts: 2,
    });
    // Alarms on its depth, and on a message left a week.
    const onQueue = {
      Namespace: 'AWS/SQS',
      Dimensions: [
        { Name: 'QueueName', Value: { 'Fn::ImportValue': Match.stringLikeRegexp(`DeadLetters${queue}.*QueueName`) } },
      ],
      AlarmActions: [{ Ref: Match.stringLikeRegexp('OpsAlarms') }],
    };
    s.appTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...onQueue,
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
    });
    s.appTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...onQueue,
      MetricName: 'ApproximateAgeOfOldestMessage',
      Threshold: 7 * 24 * 3600,
    });
  });

  it.each(ENTRIES.flatMap((entry) => [[entry, 'Errors'] as const, [entry, 'Throttles'] as const]))(
    '%s tells the operators about %s',
    (entry, metric) => {
      s.appTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: metric,
        Namespace: 'AWS/Lambda',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: fn(entry).id } }],
        Statistic: 'Sum',
        Threshold: 1,
        AlarmActions: [{ Ref: Match.stringLikeRegexp('OpsAlarms') }],
      });
    },
  );

  it.each(['ReadThrottleEvents', 'WriteThrottleEvents'])('tells the operators about the case table’s %s', (metric) => {
    s.appTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/DynamoDB',
      MetricName: metric,
      Dimensions: [{ Name: 'TableName', Value: { 'Fn::ImportValue': Match.stringLikeRegexp('CasesTable') } }],
      Threshold: 1,
      AlarmActions: [{ Ref: Match.stringLikeRegexp('OpsAlarms') }],
    });
  });

  it('tells the operators when Textract throttles the letter function’s reads', () => {
    s.appTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Textract',
      MetricName: 'ThrottledCount',
      Dimensions: [{ Name: 'Operation', Value: 'DetectDocumentText' }],
      Threshold: 1,
      AlarmActions: [{ Ref: Match.stringLikeRegexp('OpsAlarms') }],
    });
  });

  it('grants least privilege: the store’s table actions only, object prefixes only, no wildcards', () => {
    const all = Object.values(s.appTemplate.findResources('AWS::IAM::Policy')).flatMap(
      (p) => ((p as Resource).Properties.PolicyDocument as { Statement: Statement[] }).Statement,
    );
    const actions = all.flatMap((st) => [st.Action].flat());
    expect(actions).not.toContain('*');
    expect(actions.filter((a) => /^[a-z0-9-]+:\*$/.test(a))).toEqual([]);
    expect(actions).not.toContain('dynamodb:Scan');
    expect(new Set(actions.filter((a) => a.startsWith('dynamodb:')))).toEqual(new Set(CASE_STORE_ACTIONS));
    // Our functions reach the payload bucket one prefix at a time, never the whole bucket.
    const ours = Object.values(functions).flatMap((f) => policyStatementsOf(f.props));
    for (const st of ours.filter((x) => [x.Action].flat().some((a) => a === 's3:GetObject' || a === 's3:PutObject'))) {
      for (const resource of [st.Resource].flat()) {
        expect(JSON.stringify(resource)).toMatch(
          /"\/(inbound\/email|letters\/inbox|letters\/outgoing|raw|attachments|bodies)\/\*"/,
        );
      }
    }
    // Only the letter function may call Textract, and only to read text.
    const textract = all.filter((x) => [x.Action].flat().some((a) => a.startsWith('textract:')));
    expect(textract).toEqual([expect.objectContaining({ Resource: '*' })]);
    // Merged (minimizePolicies) with X-Ray's two calls, which also take only "*".
    expect([textract[0]?.Action].flat().filter((a) => !a?.startsWith('xray:'))).toEqual([
      'textract:DetectDocumentText',
    ]);
  });

  it('gives each function only the prefixes it works on', () => {
    const policyOf = (entry: string) => {
      const role = (fn(entry).props.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
      const policy = Object.values(s.appTemplate.findResources('AWS::IAM::Policy')).find((p) =>
        JSON.stringify((p as Resource).Properties.Roles).includes(role),
      ) as Resource;
      return JSON.stringify(policy.Properties.PolicyDocument);
    };
    expect(policyOf('inbound-sms')).not.toMatch(/s3:GetObject/);
    expect(policyOf('inbound-email')).toMatch(/inbound\/email\/\*/);
    expect(policyOf('inbound-email')).not.toMatch(/letters\/inbox/);
    expect(policyOf('letter-upload')).not.toMatch(/inbound\/email/);
    expect(policyOf('http-api')).not.toMatch(/inbound\/email|letters\/inbox/);
    // Long message bodies (bodies/): every function that files a message stores them, the API reads them back.
    for (const entry of ['inbound-sms', 'inbound-email', 'letter-upload', 'http-api']) {
      const statements = (JSON.parse(policyOf(entry)) as { Statement: Statement[] }).Statement;
      const puts = statements.filter((st) => [st.Action].flat().includes('s3:PutObject'));
      expect(JSON.stringify(puts.map((st) => st.Resource)), entry).toMatch(/\/bodies\/\*/);
    }
    expect(policyOf('http-api')).toMatch(/bodies\/\*/);
    // A duplicate in other bytes drops its own raw copy: ingest deletes under raw/ and nowhere else.
    for (const entry of ['inbound-sms', 'inbound-email', 'letter-upload']) {
      const statements = (JSON.parse(policyOf(entry)) as { Statement: Statement[] }).Statement;
      const deletes = statements.filter((st) => [st.Action].flat().includes('s3:DeleteObject'));
      expect(JSON.stringify(deletes.map((st) => st.Resource)).match(/\/[a-z/]+\/\*/g), entry).toEqual(['/raw/*']);
    }
  });

  it('stores mail for the configured recipients in the bucket and notifies the inbound-email topic', () => {
    s.appTemplate.hasResourceProperties('AWS::SES::ReceiptRuleSet', { RuleSetName: 'HousingInbox-inbound' });
    s.appTemplate.hasResourceProperties('AWS::SES::ReceiptRule', {
      Rule: {
        Enabled: true,
        ScanEnabled: true,
        Recipients: ['contact@hightown.example', 'repairs@hightown.example'],
        Actions: [
          {
            S3Action: {
              BucketName: { 'Fn::ImportValue': Match.stringLikeRegexp('Payloads') },
              ObjectKeyPrefix: 'inbound/email/',
              TopicArn: { 'Fn::ImportValue': Match.stringLikeRegexp('InboundEmail') },
            },
          },
        ],
      },
    });
  });

  it.each([
    ['inbound-email', 'InboundEmail'],
    ['inbound-sms', 'InboundSms'],
  ])('subscribes %s to its topic, with the DLQ for deliveries SNS cannot make', (entry, topic) => {
    s.appTemplate.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      Endpoint: { 'Fn::GetAtt': [fn(entry).id, 'Arn'] },
      TopicArn: { 'Fn::ImportValue': Match.stringLikeRegexp(topic) },
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue() },
    });
  });

  it('invokes the letter function for objects created under letters/inbox/ only', () => {
    s.appTemplate.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          {
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'letters/inbox/' }] } },
            LambdaFunctionArn: { 'Fn::GetAtt': [fn('letter-upload').id, 'Arn'] },
          },
        ],
      },
      Managed: false,
    });
  });

  it('puts the officer API behind the Cognito JWT authorizer', () => {
    const authorizers = s.appTemplate.findResources('AWS::ApiGatewayV2::Authorizer', {
      Properties: { AuthorizerType: 'JWT' },
    });
    const [jwtId, jwt] = Object.entries(authorizers)[0] as [string, Resource];
    expect(Object.keys(authorizers)).toHaveLength(1);
    expect(jwt.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        // The console's app client, made in this stack after the distribution it calls back to.
        Audience: [{ Ref: expect.stringMatching(/ConsoleSignInClient/) }],
        Issuer: { 'Fn::Join': ['', ['https://cognito-idp.eu-west-2.amazonaws.com/', expect.anything()]] },
      },
    });
    const routes = Object.values(s.appTemplate.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => (r as Resource).Properties as { RouteKey: string; AuthorizationType: string; AuthorizerId?: unknown },
    );
    const byKey = Object.fromEntries(routes.map((r) => [r.RouteKey, r]));
    expect(byKey['ANY /api/{proxy+}']).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: jwtId } });
    // The open routes (the form, the OpenAPI document) check CloudFront's origin secret instead:
    // public-entry.test.ts. Every other /api route needs a token.
    for (const r of routes.filter((x) => x.RouteKey.includes(' /api/') && x.RouteKey !== 'GET /api/openapi.json')) {
      expect(r.AuthorizationType).toBe('JWT');
    }
  });

  it('throttles the stage, and the open form harder, and logs access without IP addresses', () => {
    s.appTemplate.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: THROTTLE.stage.rateLimit,
        ThrottlingBurstLimit: THROTTLE.stage.burstLimit,
      },
      RouteSettings: {
        'POST /contact': {
          ThrottlingRateLimit: THROTTLE.contactForm.rateLimit,
          ThrottlingBurstLimit: THROTTLE.contactForm.burstLimit,
        },
      },
      AccessLogSettings: { Format: Match.not(Match.stringLikeRegexp('sourceIp|userAgent')) },
    });
  });

  it('sends alarms to the operators’ address when one is given', () => {
    s.appTemplate.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@hightown.example',
    });
  });

  it('bundles every function offline into an ES module that loads and answers', async () => {
    const bundles = Object.fromEntries(
      ENTRIES.map((entry) => {
        const key = (fn(entry).props.Code as { S3Key: string }).S3Key.replace(/\.zip$/, '');
        return [entry, join(s.outdir, `asset.${key}`)];
      }),
    );
    for (const dir of Object.values(bundles)) expect(existsSync(join(dir, 'index.mjs'))).toBe(true);
    // The letter bundle carries pdf.js and the PDF renderer it loads at run time.
    expect(existsSync(join(bundles['letter-upload'] as string, 'node_modules/pdfjs-dist/legacy/build/pdf.mjs'))).toBe(
      true,
    );
    expect(existsSync(join(bundles['letter-upload'] as string, 'node_modules/@napi-rs/canvas/index.js'))).toBe(true);
    // Photos are prepared for OCR by sharp: its code and its Linux x64 binary travel with the function.
    expect(existsSync(join(bundles['letter-upload'] as string, 'node_modules/sharp/dist/index.mjs'))).toBe(true);
    expect(existsSync(join(bundles['letter-upload'] as string, 'node_modules/@img/sharp-linux-x64/package.json'))).toBe(
      true,
    );

    // Loaded by plain node, as Lambda would (not through vitest's transform): each exports a handler,
    // and the bundled HTTP handler runs (middy, the event check, the Powertools logger, the router).
    const script = `
      const entries = ${JSON.stringify(bundles)};
      const out = {};
      for (const [entry, dir] of Object.entries(entries)) {
        const mod = await import(dir + '/index.mjs');
        out[entry] = typeof mod.handler;
      }
      const { handler } = await import(entries['http-api'] + '/index.mjs');
      out.health = await handler(${JSON.stringify(healthCheckEvent())}, { getRemainingTimeInMillis: () => 10000, awsRequestId: 'smoke' });
      // The letter senders' renderer, beside their bundles, loaded as the bundle loads it on the first letter.
      out.letters = {};
      for (const entry of ${JSON.stringify(LETTER_SENDERS)}) {
        const { renderLetterPdf } = await import(entries[entry] + '/letter-pdf.js');
        const pdf = await renderLetterPdf(
          { id: 'smoke', caseRef: 'HH-2026-0000001', purpose: 'acknowledgement', subject: 'Smoke', body: 'Hello', to: { address: '1 Example Street, Hightown' }, largePrint: false },
          { name: 'Hightown Housing', addressLines: ['1 Example Street'] },
          new Date('2026-12-01T10:00:00Z'),
        );
        out.letters[entry] = new TextDecoder().decode(pdf.slice(0, 5));
      }
      // The act step's S3 client for letters, beside its bundle (loaded with the first letter).
      out.letterS3 = typeof (await import(entries['timer-act'] + '/letter-s3.js')).putLetterObject;
      // The HTTP function's email parser for quarantine releases, beside its bundle.
      const { parseEmail } = await import(entries['http-api'] + '/release-email.js');
      const mime = 'From: Resident <resident@example.org>\\r\\nTo: repairs@example.com\\r\\nSubject: Leak\\r\\nMessage-ID: <smoke@example.org>\\r\\nContent-Type: text/html\\r\\n\\r\\n<p>Water <b>everywhere</b></p>';
      const released = await parseEmail(new TextEncoder().encode(mime), { receivedAt: '2026-12-01T10:00:00Z', deliveryId: 'smoke' });
      out.released = { subject: released.subject, text: released.text };
      console.log(JSON.stringify(out));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'SILENT', NODE_OPTIONS: '' },
    });
    const result = JSON.parse(stdout.trim().split('\n').at(-1) as string);
    expect(result).toMatchObject({
      'inbound-email': 'function',
      'inbound-sms': 'function',
      'letter-upload': 'function',
      'http-api': 'function',
      health: { statusCode: 200, body: '{"status":"ok"}' },
      letters: Object.fromEntries(LETTER_SENDERS.map((entry) => [entry, '%PDF-'])),
      released: { subject: 'Leak', text: expect.stringContaining('Water everywhere') },
      letterS3: 'function',
    });
    // The HTTP function is code-split (SPLIT_FUNCTIONS): each group of routes in a file of its own beside
    // index.mjs, loaded on its first request (the health check above loaded the service group's).
    expect(
      readdirSync(bundles['http-api'] as string).filter((f) => /^(cases|commands|contact)-\w+\.mjs$/.test(f)),
    ).toHaveLength(3);
    // Nor does the HTTP function carry the email parser: postal-mime is in its chunk only.
    const http = readFileSync(join(bundles['http-api'] as string, 'index.mjs'), 'utf8');
    expect(http).toContain('import("./release-email.js")');
    expect(http).not.toContain('Can not reuse parser, create a new PostalMime object');
    // One landlord per deployment: each bundle carries the configured preset (hightown, by default) alone.
    for (const entry of ENTRIES) {
      const bundle = readFileSync(join(bundles[entry] as string, 'index.mjs'), 'utf8');
      expect({ entry, other: bundle.includes('Blairtummock Housing Association') }).toEqual({ entry, other: false });
    }
    // The senders' bundles import the renderer rather than carry it.
    for (const entry of LETTER_SENDERS) {
      const bundle = readFileSync(join(bundles[entry] as string, 'index.mjs'), 'utf8');
      expect(bundle).toContain('import("./letter-pdf.js")');
      // Never statically, which would load it at start-up.
      expect(bundle).not.toMatch(/from\s*"\.\/letter-pdf\.js"/);
      expect(bundle).not.toContain('housing-inbox (pdf-lib)');
    }
  });
});

function healthCheckEvent() {
  return {
    version: '2.0',
    routeKey: 'GET /health',
    rawPath: '/health',
    rawQueryString: '',
    headers: { host: 'example.execute-api.eu-west-2.amazonaws.com', 'user-agent': 'smoke' },
    requestContext: {
      accountId: '123456789012',
      apiId: 'example',
      domainName: 'example.execute-api.eu-west-2.amazonaws.com',
      domainPrefix: 'example',
      http: { method: 'GET', path: '/health', protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'smoke' },
      requestId: 'smoke',
      routeKey: 'GET /health',
      stage: '$default',
      time: '01/Dec/2026:10:00:00 +0000',
      timeEpoch: 1796119200000,
    },
    isBase64Encoded: false,
  };
}
