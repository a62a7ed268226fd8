// Runs `credform simulate` from the TypeScript sources in a child process (for the CLI test):
// compiles .ts files on the fly with @swc/core, the same compiler the tests use.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};

const { runSimulateCommand } = require(path.join(__dirname, '..', '..', '..', 'src', 'simulators', 'cli.ts'));
runSimulateCommand(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 70;
  }
);
