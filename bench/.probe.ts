import { measureIngest } from './ingest.ts';

console.log(JSON.stringify(await measureIngest({ cases: 150, inFlight: 8 })));
