// Starts the Cosmos DB-compatible emulator (npm @vercel/cosmosdb-server) with HTTP keep-alive: its CLI answers every
// request with "Connection: close", which makes each SDK call pay for a new TLS handshake (about 7x slower).
const { createHttpsServer } = require("@vercel/cosmosdb-server");
const [host = "127.0.0.1", port = "8081"] = process.argv.slice(2);
const server = createHttpsServer({ keepAlive: true });
server.listen(Number(port), host, () => console.log(`Cosmos emulator (keep-alive) on https://${host}:${port}`));
