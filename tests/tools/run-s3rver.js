// Starts s3rver on 127.0.0.1 (a free port unless --port N), with access key S3RVER /
// secret S3RVER, storing under --directory DIR and creating each --bucket NAME.
// Prints "listening on PORT" once it accepts connections; stops on SIGTERM/SIGINT.
'use strict';
const S3rver = require('s3rver');

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}
function args(name) {
  const out = [];
  process.argv.forEach((a, i) => { if (a === name && i + 1 < process.argv.length) out.push(process.argv[i + 1]); });
  return out;
}

const directory = arg('--directory', null);
if (!directory) {
  console.error('usage: run-s3rver.js --directory DIR [--port N] [--bucket NAME]...');
  process.exit(2);
}
const server = new S3rver({
  address: '127.0.0.1',
  port: Number(arg('--port', '0')),
  directory,
  silent: true,
  configureBuckets: args('--bucket').map((name) => ({ name })),
});
server.run().then(({ port }) => {
  console.log(`listening on ${port}`);
}, (err) => {
  console.error(`s3rver failed to start: ${err.message}`);
  process.exit(1);
});
for (const sig of ['SIGTERM', 'SIGINT']) {
  process.on(sig, () => server.close().finally(() => process.exit(0)));
}
