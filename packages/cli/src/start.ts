/**
 * `npm start`. Until the embedded local stack lands (issue 3), say what it will
 * run and point at what works today.
 */
console.log(`housing-inbox — embedded local stack

Not yet running: the local stack (DynamoDB on disk, SMTP on 127.0.0.1:${process.env.INBOX_SMTP_PORT ?? 2525},
HTTP on 127.0.0.1:${process.env.INBOX_HTTP_PORT ?? 3000}, the officer console and the outbox) arrives with the ingest work.

What works today, offline:
  npx inbox policies                         the landlords' targets
  npx inbox deadlines --policy hightown --kind email --received 2026-12-23T10:00:00Z
  npx inbox --help
`);
