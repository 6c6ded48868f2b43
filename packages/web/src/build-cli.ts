/** `npm run build -w @housing-inbox/web`: always rebuilds dist/ (CI, cdk deploy). */
import { consoleAssets, ensureConsoleBuilt } from './server.js';

await ensureConsoleBuilt({ force: true, log: (line) => console.log(line) });
console.log(`console files in ${consoleAssets().dir}`);
