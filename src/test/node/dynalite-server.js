// dynalite (DynamoDB API) for the local stack. Prints "listening <port>" once ready and exits when its
// parent closes stdin, so a crashed or killed JVM never leaves it running.
const dynalite = require('dynalite');

const port = Number(process.argv[2] || 0);
const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(port, '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
process.on('SIGTERM', () => process.exit(0));
