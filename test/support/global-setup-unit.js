// jest globalSetup of the `unit` project (jest.config.js): only the protocol codecs. Unlike the e2e
// project's (global-setup.js) it fetches no Node.js releases: unit tests need neither those nor
// terraform.
'use strict';
const generateCodecs = require('./generate-codecs.js');

module.exports = async () => {
  await generateCodecs();
};
