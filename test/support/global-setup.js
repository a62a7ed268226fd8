// The end-to-end tests run the built provider bundle, as Terraform would: make sure it exists.
const fs = require('node:fs');
const path = require('node:path');
module.exports = async () => {
  const bundle = path.join(__dirname, '..', '..', 'lib', 'provider-bundle', 'terraform-provider-credform.js');
  if (!fs.existsSync(bundle)) {
    throw new Error(`${bundle} is missing: run \`npm run build\` first (\`npm test\` does it for you).`);
  }
};
