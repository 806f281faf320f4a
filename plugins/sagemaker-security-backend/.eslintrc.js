module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  // The demo estate's generator is a data script (it was linted as such under
  // examples/ before it moved here with the estate it writes).
  ignorePatterns: ['demo-estate/'],
});
