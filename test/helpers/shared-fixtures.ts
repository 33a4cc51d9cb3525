import { fileURLToPath } from 'node:url';

/**
 * The project's shared reference files (real published reports, the seed report) as the tests read
 * them: a copy in test/shared of ../shared/fixtures, so that the suite runs from any clone.
 */
export const SHARED_DIR = fileURLToPath(new URL('../shared', import.meta.url));
