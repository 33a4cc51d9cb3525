import { createRepositories } from '../../db/repositories/index.ts';
import type { AppDeps } from '../shared/deps.ts';
import { hashSessionToken } from './log-in.ts';

export async function logOut(deps: AppDeps, sessionToken: string): Promise<void> {
  await createRepositories(deps.db).sessions.delete(hashSessionToken(sessionToken));
}
