import type { AppDeps } from '../app-deps.js';

/** `backup FILE`: a consistent copy of the SQLite database while Tapin keeps running. */
export async function backupCommand(deps: AppDeps, args: string[]): Promise<number> {
  const [file] = args;
  if (!file || args.length !== 1) {
    process.stderr.write('Usage: backup FILE\n');
    return 2;
  }
  if (!deps.database.backup) {
    process.stderr.write('backup copies the SQLite database; back PostgreSQL up with pg_dump\n');
    return 2;
  }
  await deps.database.backup(file);
  process.stdout.write(`Backed up to ${file}\n`);
  return 0;
}
