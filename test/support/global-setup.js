// jest globalSetup: what every worker needs before any test file runs, made once.
'use strict';
const generateCodecs = require('./generate-codecs.js');
const { nodeBinDir } = require('../../scripts/node-binary.js');

/** Node releases the tests run the provider on (see node-versions.ts), fetched once, not per worker. */
const NODE_MAJORS = [22, 24, 26, 18];

module.exports = async () => {
  await generateCodecs();
  for (const major of NODE_MAJORS) nodeBinDir(major);
};
