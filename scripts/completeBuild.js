#!/usr/bin/env node
// The second half of `npm run build` (after `tsc -p tsconfig.build.json` compiled the code to dist/):
// copies what the compiled code reads beside itself (notice templates, SQL migrations, the built web
// app when there is one) and bundles the workflow code once, with bundleWorkflowCode, into
// dist/workflow-bundle.js — the file the production worker loads (runtime/workflowBundle.ts).
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');

function copy(relative, { optional = false } = {}) {
  const from = path.join(root, relative);
  if (!fs.existsSync(from)) {
    if (optional) return;
    throw new Error(`build: ${relative} is missing`);
  }
  const to = path.join(dist, relative);
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(from, to, { recursive: true });
}

async function main() {
  copy('mail/templates');
  copy('prisma/migrations');
  // Built by `npm run web:build` before (the Dockerfile does); without it the API serves a plain page.
  copy('web/dist', { optional: true });

  const { bundleWorkflowCode } = require('@temporalio/worker');
  const { WORKFLOW_BUNDLE_FILE_NAME } = require(path.join(dist, 'runtime', 'workflowBundle.js'));
  const started = Date.now();
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve(path.join(dist, 'workflows')) });
  fs.writeFileSync(path.join(dist, WORKFLOW_BUNDLE_FILE_NAME), code);
  console.log(
    `Workflow bundle: dist/${WORKFLOW_BUNDLE_FILE_NAME} (${code.length} bytes, ${Date.now() - started} ms)`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
