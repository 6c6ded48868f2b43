import { type Command, parseOptions, UsageError } from '../cli.js';
import { callStack } from '../stack.js';

export const clock: Command = {
  name: 'clock',
  summary: "show or move the local stack's clock",
  help: `Usage: inbox clock show
       inbox clock advance <ISO-8601 duration>     e.g. P3D, PT4H, P1DT12H
       inbox clock set <ISO-8601 instant>          e.g. 2026-12-24T09:00:00Z

The whole local stack (targets, timers) follows this clock. It only moves forward.
`,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {});
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    const [action, value, extra] = positionals;
    if (extra) throw new UsageError(`unexpected argument "${extra}"`);
    let body: unknown;
    if (action === 'show' || action === undefined) {
      body = await callStack(io.env, '/local/clock');
    } else if (action === 'advance' || action === 'set') {
      if (!value)
        throw new UsageError(`clock ${action} needs a ${action === 'advance' ? 'duration such as P3D' : 'instant'}`);
      body = await callStack(io.env, '/local/clock', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ [action]: value }),
      });
    } else {
      throw new UsageError(`unknown clock action "${action}" (show, advance, set)`);
    }
    io.out(`${JSON.stringify(body)}\n`);
    return 0;
  },
};
