import { parseArgs } from 'node:util';
import { SetupRequest } from '@tapin/shared';
import type { AppDeps } from '../app-deps.js';
import { DomainError } from '../errors/domain-error.js';
import { createOrganisation } from '../setup/create-organisation.js';

/**
 * `setup --organisation NAME --name NAME --username USER`, with the password in
 * TAPIN_ADMIN_PASSWORD or on standard input, so it never lands in shell history.
 */
export async function setupCommand(deps: AppDeps, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      organisation: { type: 'string' },
      name: { type: 'string' },
      username: { type: 'string' },
    },
  });
  const password = env.TAPIN_ADMIN_PASSWORD ?? (await readStdin()).trim();
  const parsed = SetupRequest.safeParse({
    organisationName: values.organisation,
    name: values.name,
    username: values.username,
    password,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      process.stderr.write(`${issue.path.join('.') || 'input'}: ${issue.message}\n`);
    }
    process.stderr.write(
      'Usage: setup --organisation NAME --name NAME --username USER  (password in TAPIN_ADMIN_PASSWORD or on stdin)\n',
    );
    return 2;
  }
  try {
    const { organisation, admin } = await createOrganisation(
      deps.database.db,
      parsed.data,
      deps.clock.now(),
      {
        onlyIfEmpty: false,
      },
    );
    process.stdout.write(`Created organisation "${organisation.name}" with admin "${admin.username}".\n`);
    return 0;
  } catch (err) {
    if (err instanceof DomainError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password for the first admin: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
