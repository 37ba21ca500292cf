// errtrack assign ISSUE_ID [--user USER_ID] / errtrack unassign ISSUE_ID: a Datadog issue's
// assignee (default: the user the application key belongs to). Keys from the environment.
import { EXIT, InputError, parse, UsageError } from '../args';
import { openDatadog, redacted, type DatadogSession } from '../datadog-run';
import type { CommandIO } from './io';

export async function assignCommand(argv: string[], io: CommandIO, action: 'assign' | 'unassign'): Promise<number> {
  const { values, positionals } = parse(argv, {
    user: { type: 'string' },
    site: { type: 'string' },
    'datadog-url': { type: 'string' },
    timeout: { type: 'string' },
  });
  if (values.help) return io.help(action);
  if (positionals.length !== 1) throw new UsageError(`${action} takes one Datadog issue id`);
  if (action === 'unassign' && values.user !== undefined) throw new UsageError('unassign takes no --user');
  const [id] = positionals;
  let session: DatadogSession | undefined;
  try {
    session = openDatadog(values, io, { poll: false });
    const { source } = session;
    const done = await session.limited(async () =>
      action === 'assign' ? `assigned to ${describe(await source.assign(id, values.user ?? 'me'))}` : source.unassign(id).then(() => 'unassigned'),
    ).catch((error: unknown) => {
      throw new InputError(session!.redact((error as Error)?.message ?? String(error)));
    });
    io.out(`${id} ${done} · ${source.issueUrl(id)}\n`);
    return EXIT.ok;
  } catch (error) {
    throw redacted(error, session);
  } finally {
    session?.source.dispose();
  }
}

function describe(owner: { id: string; name?: string }): string {
  return owner.name ? `${owner.name} (${owner.id})` : owner.id;
}
