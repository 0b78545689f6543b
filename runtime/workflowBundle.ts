// Where the worker finds its workflow code. In production the code is bundled once, when the image is
// built (`npm run build` → dist/workflow-bundle.js, made with bundleWorkflowCode), so a worker starts
// without webpack and every replica runs the very same bundle; in development and in the tests the
// worker bundles workflows/ itself at start (workflowsPath), so a change is picked up at once.
import fs from 'node:fs';
import path from 'node:path';

export const WORKFLOW_BUNDLE_FILE_NAME = 'workflow-bundle.js';

/** The workflows' entry module (workflows/index.ts, or index.js once compiled). */
export const WORKFLOWS_PATH = require.resolve('../workflows');

/**
 * The bundle `npm run build` wrote beside the compiled code, when this module runs compiled (never from
 * the TypeScript sources, so a stray file cannot shadow the workflows being edited).
 */
export function compiledWorkflowBundle(): string | undefined {
  if (!__filename.endsWith('.js')) return undefined;
  const file = path.resolve(__dirname, '..', WORKFLOW_BUNDLE_FILE_NAME);
  return fs.existsSync(file) ? file : undefined;
}
