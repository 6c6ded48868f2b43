import { signLocalToken } from '@housing-inbox/api';
import { type Command, parseOptions, UsageError } from '../cli.js';
import { readStackInfo, readStackSecret } from '../stack.js';

const ROLES = ['officer', 'contributor', 'manager', 'reception'];

export const token: Command = {
  name: 'token',
  summary: 'print a bearer token for a seeded officer (local stack only)',
  help: `Usage: inbox token --officer <id-or-email>
       inbox token --role <role>

Prints only a bearer token on stdout, for the named seeded officer or for the
first seeded officer with the role (${ROLES.join(', ')}; a manager can see
every case). Reads the local stack's data folder (INBOX_DATA_DIR, default ./.data).

Example:
  curl -H "Authorization: Bearer $(npx inbox token --role manager)" http://127.0.0.1:3000/api/cases?queue=all
`,
  run(args, io) {
    const { values, positionals } = parseOptions(args, { officer: { type: 'string' }, role: { type: 'string' } });
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (!values.officer === !values.role) throw new UsageError('give exactly one of --officer or --role');
    if (values.role && !ROLES.includes(values.role)) {
      throw new UsageError(`unknown role "${values.role}" (roles: ${ROLES.join(', ')})`);
    }
    const info = readStackInfo(io.env);
    const wanted = values.officer?.toLowerCase();
    const officer = wanted
      ? info.officers.find((o) => o.id.toLowerCase() === wanted || o.email.toLowerCase() === wanted)
      : info.officers.find((o) => o.role === values.role && o.active);
    if (!officer) {
      throw new UsageError(
        values.officer ? `no seeded officer "${values.officer}"` : `no active officer with role "${values.role}"`,
      );
    }
    io.out(`${signLocalToken(officer, readStackSecret(io.env))}\n`);
    return 0;
  },
};
