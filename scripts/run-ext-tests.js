#!/usr/bin/env node
// Runs a test-electron style suite inside code-server (real VS Code), and stands in for the VS
// Code executable of @vscode/test-electron's runTests({ vscodeExecutablePath }) on machines
// without desktop VS Code. Accepts --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [FOLDER].
// The logic lives in test/ext/runner.ts (built to out/ by `npm run build`).
const { main } = require('../out/test/ext/runner.js');

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
